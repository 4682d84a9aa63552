// Link check over the built site, offline: every internal link and anchor of every page must resolve to a file
// of site/dist (clean URLs as the servers map them: /x → x.html, /x/ → x/index.html) and, for #anchors, to an
// element with that id on the target page. External links are counted, not fetched (no network here).
// Usage: node tests/check-links.mjs [dist]   Prints: links: N pages, M links checked, K broken
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { join, relative, resolve, dirname, posix } from 'node:path'

const dist = resolve(process.argv[2] ?? new URL('../dist', import.meta.url).pathname)
const pages = []
const walk = dir => readdirSync(dir).forEach(f => {
  const p = join(dir, f)
  if (statSync(p).isDirectory()) walk(p)
  else if (f.endsWith('.html')) pages.push(p)
})
walk(dist)

const ids = new Map()
function idsOf(file) {
  if (!ids.has(file)) {
    const html = readFileSync(file, 'utf8')
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map(m => decodeHtml(m[1]))))
  }
  return ids.get(file)
}
const decodeHtml = s => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')

/** The file a site path names, as local mode and CloudFront resolve it; null when none. */
function target(path) {
  const rel = decodeURIComponent(path).replace(/^\/+/, '')
  const candidates = rel === '' || rel.endsWith('/') ? [rel + 'index.html'] : [rel, rel + '.html', rel + '/index.html']
  for (const c of candidates) {
    const f = join(dist, c)
    if (f.startsWith(dist) && existsSync(f) && statSync(f).isFile()) return f
  }
  return null
}

let checked = 0, external = 0
const broken = []
for (const page of pages) {
  const html = readFileSync(page, 'utf8')
  const pagePath = '/' + relative(dist, page).split('\\').join('/')
  for (const m of html.matchAll(/<(a|link|script|img|source)\b[^>]*?\s(href|src)="([^"]*)"/g)) {
    const raw = decodeHtml(m[3])
    if (/^(https?:|mailto:|tel:|data:|javascript:)/i.test(raw) || raw.startsWith('//')) { external++; continue }
    checked++
    const [pathPart, anchor] = raw.split('#', 2)
    const absolute = pathPart === '' ? pagePath : pathPart.startsWith('/') ? pathPart : posix.join(posix.dirname(pagePath), pathPart)
    const file = pathPart === '' ? page : target(absolute)
    if (!file) { broken.push(`${pagePath}: ${raw} (no such page or file)`); continue }
    if (anchor && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(anchor))) {
      broken.push(`${pagePath}: ${raw} (no element with id "${decodeURIComponent(anchor)}")`)
    }
  }
}
for (const b of broken) console.log('broken: ' + b)
console.log(`links: ${pages.length} pages, ${checked} links checked, ${broken.length} broken (${external} external links not fetched)`)
process.exit(broken.length === 0 ? 0 : 1)
