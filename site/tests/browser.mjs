// Browser tests of the built site as local mode serves it, in Debian's chromium through puppeteer-core (no
// browser download). Usage: node tests/browser.mjs http://127.0.0.1:PORT [--console]
// Checks: the home page loads with no console errors (CSP violations are console errors), search finds a
// runbook, an alert's runbook link opens its page; with --console, the console lists a deployed instance and a
// firing alert, and a silence created from it mutes the alert.
import puppeteer from 'puppeteer-core'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const base = (process.argv[2] ?? '').replace(/\/$/, '')
const withConsole = process.argv.includes('--console')
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium'
if (!base) { console.error('usage: node tests/browser.mjs BASE_URL [--console]'); process.exit(2) }
if (!existsSync(chromium)) {
  console.error(`browser: ${chromium} is missing; install Debian's chromium (scripts/tools-env.sh does)`)
  process.exit(3)
}

const profile = mkdtempSync(join(tmpdir(), 'site-chromium-'))
const browser = await puppeteer.launch({
  executablePath: chromium, headless: true, userDataDir: profile,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
})
const problems = []
let checks = 0
const check = (ok, what) => { if (!ok) throw new Error('failed: ' + what); checks++; console.log('ok: ' + what) }

try {
  const page = await browser.newPage()
  page.setDefaultTimeout(20000)
  page.on('console', m => { if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`) })
  page.on('pageerror', e => problems.push(`page error on ${page.url()}: ${e.message}`))
  page.on('response', r => { if (r.status() >= 400 && !r.url().includes('/no/such/page')) problems.push(`HTTP ${r.status()} for ${r.url()}`) })
  page.on('requestfailed', r => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`))
  page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`request off the origin: ${r.url()}`) })

  // 1. The home page.
  const home = await page.goto(base + '/', { waitUntil: 'networkidle0' })
  check(home.status() === 200, 'home page answers 200')
  check(/Content-Security-Policy/i.test(Object.keys(home.headers()).join(' ')) || home.headers()['content-security-policy'], 'home page has a CSP')
  const h1 = await page.$eval('h1', e => e.textContent)
  check(h1.includes('quants-infra operations'), `home page heading (${h1})`)
  check((await page.$$('.VPSidebar a, .VPNavBar a')).length > 10, 'navigation is rendered')
  check(problems.length === 0, 'no console errors on the home page: ' + problems.join('; '))

  // 2. Search finds a runbook (local search: the index is in the bundle, nothing is fetched elsewhere).
  await page.click('.VPNavBarSearch button')
  await page.waitForSelector('.VPLocalSearchBox input')
  await page.type('.VPLocalSearchBox input', 'ExchangeDisconnected')
  await page.waitForFunction(() => [...document.querySelectorAll('.VPLocalSearchBox a.result')]
    .some(a => a.getAttribute('href')?.includes('/runbooks/exchange-disconnected')))
  check(true, 'search for ExchangeDisconnected finds its runbook')
  await page.keyboard.press('Escape')

  // 3. A missing page is the site's 404.
  const missing = await page.goto(base + '/no/such/page', { waitUntil: 'networkidle0' })
  check(missing.status() === 404, 'a missing page answers 404')
  check((await page.content()).includes('PAGE NOT FOUND'), 'with the site\'s 404 page')
  problems.length = 0 // the 404 itself is logged as a failed resource by the browser

  if (withConsole) {
    // 4. The console lists the deployed instance and the firing alert.
    await page.goto(base + '/console', { waitUntil: 'networkidle0' })
    await page.waitForFunction(() => document.querySelector('[data-test=instances]')?.textContent.includes('data-collector-1'))
    check(true, 'the console lists data-collector-1')
    await page.waitForSelector('[data-test=alerts] tr[data-alert=HighCpu]')
    check(true, 'the console lists the firing HighCpu alert')
    const runbook = await page.$eval('[data-test=alerts] tr[data-alert=HighCpu] a[data-test=runbook]', a => a.href)
    check(runbook === base + '/runbooks/high-cpu', `its runbook link is the site's page (${runbook})`)

    // 5. The alert's runbook link opens its page.
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=alerts] tr[data-alert=HighCpu] a[data-test=runbook]')])
    // VitePress follows an internal link in the page (history.pushState): wait for the new page's heading.
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('HighCpu'), { timeout: 10000 })
      .catch(() => undefined)
    check((await page.$eval('h1', e => e.textContent)).includes('HighCpu'), 'the runbook link opens the HighCpu page')

    // 6. A silence created from the console mutes the alert.
    await page.goto(base + '/console', { waitUntil: 'networkidle0' })
    await page.waitForSelector('[data-test=alerts] tr[data-alert=HighCpu] [data-test=silence-this]')
    await page.click('[data-test=alerts] tr[data-alert=HighCpu] [data-test=silence-this]')
    await page.click('[data-test=silence-create]')
    await page.waitForFunction(() => document.querySelector('[data-test=notice]')?.textContent.includes('created'))
    await page.waitForFunction(() => document.querySelector('[data-test=silences]')?.textContent.includes('alertname'))
    check(true, 'the console created a silence and lists it')
    const api = await (await fetch(base + '/v1/alerts')).json()
    const cpu = api.alerts.find(a => a.alertname === 'HighCpu')
    check(cpu && cpu.silencedBy?.length > 0, 'the API reports HighCpu silenced')
    await page.waitForFunction(() => document.querySelector('[data-test=alerts] tr[data-alert=HighCpu]')?.textContent.includes('(silenced)'))
    check(true, 'the console shows HighCpu silenced')
    check(problems.length === 0, 'no console errors on the console: ' + problems.join('; '))
  } else {
    // Without local mode's API behind it, at least a runbook page opens by its clean URL.
    await page.goto(base + '/runbooks/high-cpu', { waitUntil: 'networkidle0' })
    check((await page.$eval('h1', e => e.textContent)).includes('HighCpu'), 'a runbook opens by its clean URL')
  }
  console.log(`browser: ${checks} checks passed`)
} catch (e) {
  console.error(e.message)
  if (problems.length) console.error(problems.join('\n'))
  console.error(`browser: failed after ${checks} checks`)
  process.exitCode = 1
} finally {
  await browser.close()
  rmSync(profile, { recursive: true, force: true })
}
