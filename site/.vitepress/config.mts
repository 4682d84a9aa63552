// The quants-infra runbooks and ops console. VitePress reads ../docs as its source and writes site/dist.
// Everything the pages need is bundled: no CDN fonts or scripts, local (offline) search, no network at run time.
import { defineConfig, type DefaultTheme } from 'vitepress'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { renderOpenApi } from './openapi'

const docs = resolve(__dirname, '../../docs')
const modules = resolve(__dirname, '../node_modules')
/** What functions/api generates from its controllers; the API reference page is rendered from it at build time. */
const openApiFile = resolve(__dirname, '../../functions/api/target/classes/META-INF/openapi/quants-infra.yml')
const OPENAPI_MARKER = '<!-- openapi:generated -->'

/** The page's title: its first "# " heading, else its file name. */
function title(file: string): string {
  const m = readFileSync(file, 'utf8').match(/^#\s+(.+)$/m)
  return m ? m[1].replace(/`/g, '').trim() : file.replace(/^.*\//, '').replace(/\.md$/, '')
}

/** Every page of a folder (its index first), so a page added to the folder shows up without touching this file. */
function folder(dir: string, first: string[] = []): DefaultTheme.SidebarItem[] {
  const abs = join(docs, dir)
  if (!existsSync(abs)) return []
  const pages = readdirSync(abs).filter(f => f.endsWith('.md') && f !== 'index.md').map(f => f.replace(/\.md$/, ''))
  pages.sort((a, b) => {
    const ia = first.indexOf(a), ib = first.indexOf(b)
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b)
  })
  return pages.map(p => ({ text: title(join(abs, p + '.md')), link: `/${dir}/${p}` }))
}

function page(path: string, text?: string): DefaultTheme.SidebarItem {
  return { text: text ?? title(join(docs, path + '.md')), link: '/' + path }
}

const sidebar: DefaultTheme.SidebarItem[] = [
  { text: 'Deployment', link: '/deployment/', items: [
    page('deployment/quick-start'), page('deployment/aws'), page('provisioning', 'Provisioning reference (CDK)'),
    page('local-mode'), page('deployment/upgrade'), page('jobs', 'Jobs (one-off Fargate tasks)')] },
  { text: 'Configuration', link: '/configuration/', items: [
    page('services', 'Services and their config keys'), page('configuration/environment'),
    page('configuration/security'), page('secrets')] },
  { text: 'Monitoring', link: '/monitoring/', items: [
    page('monitoring/rule-files'), page('alerting', 'Alerting and routing'), page('metrics'), page('health'),
    page('monitoring/logging')] },
  { text: 'Runbooks', link: '/runbooks/', collapsed: false, items: folder('runbooks') },
  { text: 'Troubleshooting', link: '/troubleshooting/', items: [
    page('troubleshooting/common-issues'), page('troubleshooting/debug-guide'), page('troubleshooting/recovery')] },
  { text: 'Performance', link: '/performance/', items: [
    page('benchmarks'), page('performance/capacity-planning')] },
  { text: 'Reference', link: '/reference/', items: [
    page('reference/cli', 'CLI reference (generated)'), page('cli', 'CLI guide'), page('api', 'HTTP API'),
    page('reference/openapi'), page('architecture')] },
  { text: 'Ops console', link: '/console' },
]

export default defineConfig({
  srcDir: docs,
  outDir: resolve(__dirname, '../dist'),
  cacheDir: resolve(__dirname, '../node_modules/.vitepress-cache'),
  title: 'quants-infra',
  description: 'Runbooks and operations for the quants-infra control plane',
  lang: 'en',
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  // Pages are /runbooks/instance-down (what Runbooks.link builds); the servers map that to instance-down.html.
  cleanUrls: true,
  lastUpdated: false,
  // The page hash map goes into a chunk file instead of an inline script, so the CSP needs no inline hash for it.
  metaChunk: true,
  srcExclude: ['**/rules/**', 'README.md'],
  ignoreDeadLinks: false,
  markdown: {
    // The runbooks quote Go templates ({{ $labels.x }}); Vue must not read them as interpolations.
    config(md) {
      // The API reference: the page's marker becomes the operations and schemas of the generated OpenAPI document
      // (before parsing, so the headings get anchors, the outline and the local search index).
      md.core.ruler.before('normalize', 'openapi', state => {
        if (state.src.includes(OPENAPI_MARKER)) state.src = state.src.replace(OPENAPI_MARKER, renderOpenApi(openApiFile).markdown)
      })
      const inline = md.renderer.rules.code_inline!
      md.renderer.rules.code_inline = (tokens, idx, options, env, self) =>
        inline(tokens, idx, options, env, self).replace(/^<code/, '<code v-pre')
      const text = md.renderer.rules.text!
      md.renderer.rules.text = (tokens, idx, options, env, self) =>
        text(tokens, idx, options, env, self).replace(/\{\{/g, '&#123;&#123;').replace(/\}\}/g, '&#125;&#125;')
    },
  },
  vite: {
    server: { fs: { allow: [resolve(__dirname, '../..')] } },
    // The pages live outside site/, so bare imports must resolve from site/node_modules.
    resolve: { alias: [
      { find: /^vue$/, replacement: resolve(modules, 'vue/dist/vue.runtime.esm-bundler.js') },
      { find: /^vue\/server-renderer$/, replacement: resolve(modules, 'vue/server-renderer/index.mjs') },
    ] },
    build: { chunkSizeWarningLimit: 1024 },
  },
  themeConfig: {
    nav: [
      { text: 'Runbooks', link: '/runbooks/' },
      { text: 'Troubleshooting', link: '/troubleshooting/' },
      { text: 'CLI', link: '/reference/cli' },
      { text: 'Console', link: '/console' },
    ],
    sidebar,
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    docFooter: { prev: 'Previous', next: 'Next' },
  },
})
