import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';

/** Credentials as the SDK takes them. Session credentials from AssumeRoot have a token and an expiration. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Asks the person for the current code of the MFA device `mfaSerial` (an input box, a terminal prompt). */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;

/**
 * Where the caller's credentials come from:
 * - `profile`: a named profile of the shared config, through the SDK's `fromIni` (SSO, `credential_process`,
 *   role chains with `source_profile`, MFA through the callback);
 * - `default`: the SDK's default Node chain (environment, SSO, web identity, container/instance metadata);
 * - `static`: given credentials (the sandbox, tests).
 */
export type CredentialSource =
  | { kind: 'profile'; profile: string }
  | { kind: 'default' }
  | { kind: 'static'; credentials: AwsCredentials };

/** A function the SDK clients call for credentials; one is shared by every client of a factory. */
export type CredentialProvider = () => Promise<AwsCredentials>;

// Refresh a little before expiry so a request signed now is still valid when it arrives.
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Shares one resolution between all clients: without it each client would resolve on its own, which for a
 * profile with `mfa_serial` means one MFA prompt per client. A failed resolution is not cached, so a
 * dismissed MFA prompt can be retried.
 */
export function shareResolution(resolve: CredentialProvider, now: () => number = Date.now): CredentialProvider {
  let cached: Promise<AwsCredentials> | undefined;
  const start = (): Promise<AwsCredentials> => {
    const attempt = resolve();
    cached = attempt;
    attempt.catch(() => {
      if (cached === attempt) cached = undefined;
    });
    return attempt;
  };
  return async () => {
    const current = cached ?? start();
    const credentials = await current;
    const expiresAt = credentials.expiration?.getTime();
    if (expiresAt === undefined || expiresAt - now() > REFRESH_MARGIN_MS) return credentials;
    return cached === current ? start() : (cached ?? start());
  };
}

/** Builds the shared credential provider for a source. Nothing is resolved until a client first signs. */
export function createCredentialProvider(
  source: CredentialSource,
  options: { mfaCodeProvider?: MfaCodeProvider } = {},
): CredentialProvider {
  switch (source.kind) {
    case 'static': {
      const credentials = { ...source.credentials };
      return async () => credentials;
    }
    case 'profile':
      return shareResolution(fromIni({ profile: source.profile, mfaCodeProvider: options.mfaCodeProvider }));
    case 'default':
      return shareResolution(fromNodeProviderChain({ mfaCodeProvider: options.mfaCodeProvider }));
  }
}
