// The API reference page's body, rendered at build time from the OpenAPI document that functions/api generates from
// its controllers (Micronaut OpenAPI writes it to target/classes/META-INF/openapi/quants-infra.yml when the API
// compiles). Plain Markdown: the page is static, searchable and link-checked like any other; no script, no CDN.
import { existsSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'

type Node = Record<string, any>
const METHODS = ['get', 'put', 'post', 'delete', 'patch']

/** Markdown safe inside a table cell or a line: no pipes, no HTML, no line breaks. */
function text(s: unknown): string {
  return String(s ?? '').replace(/\s+/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\|/g, '\\|').trim()
}

function schemaId(name: string): string {
  return 'schema-' + name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

/** Inline HTML for a regular expression: every character Markdown, a table or Vue could read is an entity. */
function literal(s: unknown): string {
  return String(s ?? '').replace(/\s+/g, ' ').replace(/[&<>|\[\](){}*_\\`$~#!]/g, ch => '&#' + ch.charCodeAt(0) + ';')
}

/** The constraints a schema states (ranges, lengths, pattern), as the code enforces them. */
function constraints(s: Node): string {
  const c: string[] = []
  if (s.minimum !== undefined || s.maximum !== undefined) c.push(`${s.minimum ?? ''}..${s.maximum ?? ''}`)
  if (s.minLength !== undefined || s.maxLength !== undefined) c.push(`length ${s.minLength ?? 0}..${s.maxLength ?? ''}`)
  if (s.minItems !== undefined || s.maxItems !== undefined) c.push(`items ${s.minItems ?? 0}..${s.maxItems ?? ''}`)
  if (s.pattern) c.push('pattern <code>' + literal(s.pattern) + '</code>')
  return c.length ? ' (' + c.join(', ') + ')' : ''
}

function type(s: Node | undefined): string {
  if (!s) return '—'
  const base = bare(s)
  return s.$ref ? base : base + constraints(s)
}

function bare(s: Node): string {
  if (s.$ref) {
    const name = String(s.$ref).replace('#/components/schemas/', '')
    return `[${text(name)}](#${schemaId(name)})`
  }
  if (s.type === 'array') return `${type(s.items)}[]`
  if (s.oneOf) return s.oneOf.map((o: Node) => type(o)).join(' or ')
  if (s.enum) return `${s.type ?? 'string'}: ${s.enum.map((v: unknown) => '`' + text(v) + '`').join(', ')}`
  if (s.type === 'object' && s.additionalProperties) return 'object (JSON)'
  return '`' + text(s.type ?? 'object') + (s.format ? ` (${text(s.format)})` : '') + '`'
}

function content(c: Node | undefined): string {
  if (!c) return ''
  return Object.entries(c).map(([mime, v]) => `\`${text(mime)}\` ${type((v as Node).schema)}`).join(', ')
}

function operation(method: string, path: string, op: Node): string[] {
  const out = [`### \`${method.toUpperCase()} ${path}\` {#op-${String(op.operationId ?? method + path).replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}}`, '']
  if (op.summary) out.push(text(op.summary), '')
  if (op.description) out.push(text(op.description), '')
  const params: Node[] = op.parameters ?? []
  if (params.length) {
    out.push('| parameter | in | required | type | description |', '|---|---|---|---|---|')
    for (const p of params) out.push(`| \`${text(p.name)}\` | ${text(p.in)} | ${p.required ? 'yes' : 'no'} | ${type(p.schema)} | ${text(p.description)} |`)
    out.push('')
  }
  if (op.requestBody) out.push(`Request body${op.requestBody.required ? '' : ' (optional)'}: ${content(op.requestBody.content)}`, '')
  const responses = Object.entries(op.responses ?? {})
  if (responses.length) {
    out.push('| status | meaning | body |', '|---|---|---|')
    for (const [status, r] of responses) out.push(`| ${text(status)} | ${text((r as Node).description)} | ${content((r as Node).content) || '—'} |`)
    out.push('')
  }
  return out
}

function schemas(all: Node): string[] {
  const out = ['## Schemas', '']
  for (const name of Object.keys(all).sort()) {
    const s = all[name]
    out.push(`### ${text(name)} {#${schemaId(name)}}`, '')
    if (s.description) out.push(text(s.description), '')
    const props = Object.entries(s.properties ?? {})
    if (!props.length) { out.push(type(s), ''); continue }
    const required = new Set(s.required ?? [])
    out.push('| field | type | required | description |', '|---|---|---|---|')
    for (const [k, v] of props) out.push(`| \`${text(k)}\` | ${type(v as Node)} | ${required.has(k) ? 'yes' : 'no'} | ${text((v as Node).description)} |`)
    out.push('')
  }
  return out
}

/** The operations (by tag) and schemas of the document at {@code file}, as Markdown; a notice when it is not built. */
export function renderOpenApi(file: string): { markdown: string, operations: number } {
  if (!existsSync(file)) {
    console.warn(`site: ${file} is missing (it is generated when functions/api compiles); the API reference page says so`)
    return { operations: 0, markdown: '::: warning Not built\nThe OpenAPI document was not generated before this site was '
      + 'built: compile the API first (`./mvnw -B -ntp -pl functions/api -am compile`), then rebuild the site.\n:::\n' }
  }
  const doc = parse(readFileSync(file, 'utf8')) as Node
  const byTag = new Map<string, string[]>()
  let operations = 0
  for (const path of Object.keys(doc.paths ?? {}).sort()) {
    for (const method of METHODS) {
      const op = doc.paths[path][method]
      if (!op) continue
      const tag = op.tags?.[0] ?? 'other'
      if (!byTag.has(tag)) byTag.set(tag, [])
      byTag.get(tag)!.push(...operation(method, path, op))
      operations++
    }
  }
  const out = [`${text(doc.info?.title)} ${text(doc.info?.version)}, OpenAPI ${text(doc.openapi)}: ${operations} operations.`, '']
  if (doc.info?.description) out.push(text(doc.info.description), '')
  for (const [tag, lines] of [...byTag.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`## ${text(tag)} {#tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}}`, '', ...lines)
  }
  out.push(...schemas(doc.components?.schemas ?? {}))
  return { markdown: out.join('\n'), operations }
}
