// AWS mode: sign in to the Cognito user pool (USER_PASSWORD_AUTH over TLS to Cognito itself), exchange the ID
// token for the identity pool's temporary credentials, and sign every API request with SigV4 (aws4fetch). Tokens
// and credentials live in memory only: a reload asks for the password again. Loaded on demand, so pages other than
// the console (and the console in local mode) carry none of this code.
import { AwsClient } from 'aws4fetch'
import type { ConsoleConfig, Transport } from './api'

type Json = Record<string, any>

/** What the sign-in form must ask next. */
export type Step = { kind: 'signedIn' } | { kind: 'newPassword', session: string, username: string }
  | { kind: 'mfa', session: string, username: string }

interface Credentials { accessKeyId: string, secretAccessKey: string, sessionToken: string, expiration: number }

export class AwsSession {
  private refreshToken = ''
  private idToken = ''
  private identityId = ''
  private credentials?: Credentials
  private client?: AwsClient
  username = ''

  constructor(private readonly config: ConsoleConfig) {}

  private idpUrl() { return this.config.cognitoIdpEndpoint ?? `https://cognito-idp.${this.config.region}.amazonaws.com/` }
  private identityUrl() { return this.config.cognitoIdentityEndpoint ?? `https://cognito-identity.${this.config.region}.amazonaws.com/` }
  private provider() { return `cognito-idp.${this.config.region}.amazonaws.com/${this.config.userPoolId}` }

  /** One call of Cognito's JSON protocol (these calls are unsigned by design: no AWS credentials exist yet). */
  private async cognito(url: string, target: string, body: Json): Promise<Json> {
    const r = await fetch(url, { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target } })
    const out = await r.json().catch(() => ({}))
    if (!r.ok) {
      const type = String(out.__type ?? r.status).replace(/^.*#/, '')
      throw new Error(type === 'NotAuthorizedException' ? 'wrong user name or password' : `${type}: ${out.message ?? ''}`.trim())
    }
    return out
  }

  private idp(action: string, body: Json) {
    return this.cognito(this.idpUrl(), 'AWSCognitoIdentityProviderService.' + action, body)
  }

  private async afterAuth(username: string, out: Json): Promise<Step> {
    if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED') return { kind: 'newPassword', session: out.Session, username }
    if (out.ChallengeName === 'SOFTWARE_TOKEN_MFA') return { kind: 'mfa', session: out.Session, username }
    if (out.ChallengeName) throw new Error(`sign-in needs ${out.ChallengeName}, which the console does not handle; use the AWS CLI`)
    const result = out.AuthenticationResult
    this.idToken = result.IdToken
    if (result.RefreshToken) this.refreshToken = result.RefreshToken
    this.username = username
    await this.exchange()
    return { kind: 'signedIn' }
  }

  async signIn(username: string, password: string): Promise<Step> {
    const out = await this.idp('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: this.config.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password } })
    return this.afterAuth(username, out)
  }

  /** Answers the first-login challenge (admin-created users must choose their own password). */
  async setNewPassword(step: Step & { kind: 'newPassword' }, password: string): Promise<Step> {
    const out = await this.idp('RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: step.session,
      ClientId: this.config.userPoolClientId, ChallengeResponses: { USERNAME: step.username, NEW_PASSWORD: password } })
    return this.afterAuth(step.username, out)
  }

  async answerMfa(step: Step & { kind: 'mfa' }, code: string): Promise<Step> {
    const out = await this.idp('RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: step.session,
      ClientId: this.config.userPoolClientId, ChallengeResponses: { USERNAME: step.username, SOFTWARE_TOKEN_MFA_CODE: code } })
    return this.afterAuth(step.username, out)
  }

  /** ID token -> identity id -> temporary credentials of the identity pool's authenticated role. */
  private async exchange() {
    const logins = { [this.provider()]: this.idToken }
    const identity = (target: string, body: Json) => this.cognito(this.identityUrl(), 'AWSCognitoIdentityService.' + target, body)
    if (!this.identityId) {
      this.identityId = (await identity('GetId', { IdentityPoolId: this.config.identityPoolId, Logins: logins })).IdentityId
    }
    const c = (await identity('GetCredentialsForIdentity', { IdentityId: this.identityId, Logins: logins })).Credentials
    this.credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken,
      expiration: Number(c.Expiration) * 1000 }
    this.client = new AwsClient({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken,
      service: 'execute-api', region: this.config.region, retries: 0 })
  }

  /** Fresh credentials: within a minute of expiry, the refresh token gets a new ID token first. */
  private async fresh(): Promise<AwsClient> {
    if (!this.client || !this.credentials) throw new Error('not signed in')
    if (this.credentials.expiration - Date.now() < 60_000) {
      try {
        if (this.refreshToken) {
          const out = await this.idp('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: this.config.userPoolClientId,
            AuthParameters: { REFRESH_TOKEN: this.refreshToken } })
          this.idToken = out.AuthenticationResult.IdToken
        }
        await this.exchange()
      } catch (e: any) {
        // An expired or revoked refresh token (12 h, or admin-user-global-sign-out): back to the sign-in form.
        this.signOut()
        throw new Error(`the session ended (${e.message ?? e}): sign in again`)
      }
    }
    return this.client!
  }

  signedIn() { return !!this.client }

  signOut() {
    this.refreshToken = this.idToken = this.identityId = this.username = ''
    this.credentials = this.client = undefined
  }

  /** The transport for api.call: every request SigV4-signed for execute-api. */
  transport(): Transport {
    return async (url, init) => (await this.fresh()).fetch(url, init)
  }
}
