// How the console reaches the API. The routes come from routes.json only (the CDK grants exactly those); the
// transport is chosen by /console-config.json: "local" calls the page's own origin unsigned (local mode serves
// the site beside the API), "aws" signs every request with SigV4 using the identity pool's credentials.
import routeFile from './routes.json'

export type Json = Record<string, any>
export type RouteName = keyof typeof routeFile.routes

/** What the CDK writes next to the site (ids and URLs only: nothing in it is a secret). */
export interface ConsoleConfig {
  mode: 'local' | 'aws'
  apiUrl?: string
  region?: string
  userPoolId?: string
  userPoolClientId?: string
  identityPoolId?: string
  /** Test stand-ins only: the CDK never writes these, so the console talks to cognito-idp/-identity.<region>. */
  cognitoIdpEndpoint?: string
  cognitoIdentityEndpoint?: string
}

/** A function that sends one HTTP request to the API and returns the raw response. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>

/** The path of a route with its {parameters} filled in (URL-encoded). */
export function routePath(name: RouteName, params: Record<string, string> = {}): string {
  return routeFile.routes[name].path.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (params[k] === undefined) throw new Error(`route ${name} needs ${k}`)
    return encodeURIComponent(params[k])
  })
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const r = await fetch('/console-config.json', { cache: 'no-store' })
  if (!r.ok) return { mode: 'local' }
  const c = await r.json() as ConsoleConfig
  if (c.mode !== 'aws') return { mode: 'local' }
  for (const k of ['apiUrl', 'region', 'userPoolId', 'userPoolClientId', 'identityPoolId'] as const) {
    if (!c[k]) throw new Error(`console-config.json has no ${k}`)
  }
  return c
}

/** Calls one route through the transport; a non-2xx answer throws with the problem's detail. */
export async function call(transport: Transport, base: string, name: RouteName,
  opts: { params?: Record<string, string>, query?: string, body?: Json } = {}): Promise<Json> {
  const route = routeFile.routes[name]
  const url = base.replace(/\/$/, '') + routePath(name, opts.params) + (opts.query ? '?' + opts.query : '')
  const init: RequestInit = { method: route.method, headers: { Accept: 'application/json' } }
  if (opts.body !== undefined || route.method === 'POST') {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' }
    init.body = JSON.stringify(opts.body ?? {})
  }
  const r = await transport(url, init)
  const text = await r.text()
  let body: Json = {}
  try { body = text ? JSON.parse(text) : {} } catch { body = { detail: text.slice(0, 200) } }
  if (!r.ok) throw new Error(body.detail ?? body.message ?? `${route.method} ${routePath(name, opts.params)}: HTTP ${r.status}`)
  return body
}
