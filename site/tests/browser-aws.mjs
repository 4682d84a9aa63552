// The console in AWS mode, in Debian's chromium through puppeteer-core. Usage:
//   node tests/browser-aws.mjs SITE_URL API_URL USER TEMPORARY_PASSWORD NEW_PASSWORD MFA_USER MFA_PASSWORD
// The site's /console-config.json says "aws"; Cognito and the API are the test's loopback stand-ins
// (ConsoleAwsModeTest). Checks: a wrong password is refused; the first sign-in asks for a new password; then the
// console renders instances and alerts from SigV4-signed calls to the API's origin; a request whose signature is
// altered in flight is rejected and the console says so; it recovers on the next refresh; a silence is created
// through a signed POST; after signing out, a user with an authenticator enrolled is asked for its code. No console
// errors besides the deliberately rejected requests.
import puppeteer from 'puppeteer-core'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const [site, api, user, temporary, chosen, mfaUser, mfaPassword] = process.argv.slice(2).map(s => s?.replace(/\/$/, ''))
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium'
if (!mfaPassword) {
  console.error('usage: node tests/browser-aws.mjs SITE_URL API_URL USER TEMPORARY_PASSWORD NEW_PASSWORD MFA_USER MFA_PASSWORD')
  process.exit(2)
}
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
const apiRequests = []

try {
  const page = await browser.newPage()
  page.setDefaultTimeout(20000)
  page.on('console', m => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`) })
  page.on('pageerror', e => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', r => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`))
  page.on('request', r => {
    if (r.url().startsWith(api) && r.method() !== 'OPTIONS') apiRequests.push({ url: r.url(), headers: r.headers() })
  })

  await page.goto(site + '/console', { waitUntil: 'networkidle0' })
  await page.waitForSelector('[data-test=login] input[name=username]')
  check(true, 'in AWS mode the console asks to sign in')
  check(await page.$('[data-test=instances]') === null, 'and shows nothing before')

  // A wrong password: Cognito refuses, the console says so (the 400 is logged by the browser: expected).
  await page.type('input[name=username]', user)
  await page.type('input[name=password]', 'not-the-password')
  await page.click('[data-test=login-submit]')
  await page.waitForFunction(() => document.querySelector('[data-test=login-error]')?.textContent.includes('wrong user name or password'))
  check(true, 'a wrong password is refused')
  problems.length = 0

  // The admin-created user's first sign-in: temporary password, then a new one of their own.
  await page.$eval('input[name=password]', e => { e.value = '' })
  await page.type('input[name=password]', temporary)
  await page.click('[data-test=login-submit]')
  await page.waitForSelector('input[name=newPassword]')
  check(true, 'the first sign-in asks for a new password')
  await page.type('input[name=newPassword]', chosen)
  await page.click('[data-test=login-submit]')
  await page.waitForFunction(u => document.querySelector('[data-test=signed-in]')?.textContent.includes(u), {}, user)
  check(true, `signed in as ${user}`)

  await page.waitForFunction(() => document.querySelector('[data-test=instances]')?.textContent.includes('data-collector-1'))
  check(true, 'the console lists data-collector-1 from the signed API')
  await page.waitForSelector('[data-test=alerts] tr[data-alert=HighCpu]')
  check(true, 'the console lists the firing HighCpu alert')
  const status = apiRequests.find(r => r.url === api + '/v1/status')
  check(status && /^AWS4-HMAC-SHA256 Credential=\S+\/execute-api\/aws4_request/.test(status.headers.authorization ?? ''),
    'its API requests carry a SigV4 Authorization for execute-api')
  check(status && status.headers['x-amz-security-token'], 'and the identity pool\'s session token')
  check(apiRequests.every(r => r.headers.authorization), `every API request was signed (${apiRequests.length})`)
  check(problems.length === 0, 'no console errors while signed in: ' + problems.join('; '))

  // Alter the signature of the next /v1/status in flight: the gateway must reject it, and the console show it.
  await page.setRequestInterception(true)
  let tampered = 0
  const tamper = r => {
    if (r.isInterceptResolutionHandled()) return
    const h = r.headers()
    if (r.method() === 'GET' && r.url() === api + '/v1/status' && h.authorization && tampered === 0) {
      tampered++
      const sig = h.authorization.slice(-64)
      const flipped = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0')
      r.continue({ headers: { ...h, authorization: h.authorization.slice(0, -64) + flipped } })
    } else {
      r.continue()
    }
  }
  page.on('request', tamper)
  await page.click('.ops-meta button')
  await page.waitForFunction(() => document.querySelector('[data-test=console-error]')?.textContent.includes('signature'))
  check(tampered === 1, 'a request with an altered signature is rejected, and the console shows the API\'s error')
  page.off('request', tamper)
  await page.setRequestInterception(false)
  problems.length = 0
  await page.waitForFunction(() => !document.querySelector('[data-test=console-error]'), { timeout: 15000 })
  check(true, 'the next signed refresh succeeds again')

  // A signed POST: a silence for HighCpu.
  await page.click('[data-test=alerts] tr[data-alert=HighCpu] [data-test=silence-this]')
  await page.click('[data-test=silence-create]')
  await page.waitForFunction(() => document.querySelector('[data-test=notice]')?.textContent.includes('created'))
  await page.waitForFunction(() => document.querySelector('[data-test=alerts] tr[data-alert=HighCpu]')?.textContent.includes('(silenced)'))
  check(true, 'a silence created through a signed POST mutes HighCpu')
  check(problems.length === 0, 'no console errors: ' + problems.join('; '))

  // Sign out: the data goes, the form comes back; a user with TOTP enrolled is asked for the code.
  await page.click('[data-test=signed-in] button')
  await page.waitForSelector('[data-test=login] input[name=username]')
  check(await page.$('[data-test=instances]') === null, 'signing out hides the data and asks to sign in again')
  await page.$eval('input[name=username]', e => { e.value = '' })
  await page.type('input[name=username]', mfaUser)
  await page.type('input[name=password]', mfaPassword)
  await page.click('[data-test=login-submit]')
  await page.waitForSelector('input[name=code]')
  check(true, 'a user with an authenticator is asked for its code')
  await page.type('input[name=code]', '123456')
  await page.click('[data-test=login-submit]')
  await page.waitForFunction(u => document.querySelector('[data-test=signed-in]')?.textContent.includes(u), {}, mfaUser)
  await page.waitForFunction(() => document.querySelector('[data-test=instances]')?.textContent.includes('data-collector-1'))
  check(true, `signed in as ${mfaUser} with the code; the console lists data-collector-1`)
  check(problems.length === 0, 'no console errors after the second sign-in: ' + problems.join('; '))
  console.log(`browser-aws: ${checks} checks passed`)
} catch (e) {
  console.error(e.message)
  const shown = await browser.pages().then(ps => ps.at(-1)?.$eval('.ops-console', el => el.textContent).catch(() => ''))
  if (shown) console.error('the console showed: ' + shown.replace(/\s+/g, ' ').slice(0, 300))
  if (problems.length) console.error(problems.join('\n'))
  console.error(`browser-aws: failed after ${checks} checks`)
  process.exitCode = 1
} finally {
  await browser.close()
  rmSync(profile, { recursive: true, force: true })
}
