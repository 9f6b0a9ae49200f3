// What the in-host test bootstrap (index.ts) and the runners outside VS Code (test/harness) agree on.

/** Prefix of every console line written while the suites run; the runners print only these lines. */
export const HOST_OUTPUT_MARK = '[rootguard-test] ';

/** Written by the bootstrap to $ROOTGUARD_TEST_RESULTS when the suites end. */
export interface IntegrationResults {
  passed: number;
  failed: number;
  failures: { title: string; message: string; stack?: string }[];
}

/** GET on this path of the fake AWS endpoint returns the recorded requests as JSON (not recorded itself). */
export const FAKE_AWS_RECORD_PATH = '/__rootguard_test/requests';

/** One request the fake AWS endpoint received. */
export interface RecordedAwsRequest {
  method: string;
  url: string;
  /** From the SigV4 Authorization header's credential scope, e.g. "sts" or "organizations". */
  service?: string;
  /** X-Amz-Target for JSON protocols, e.g. "AWSOrganizationsV20161128.ListAccounts". */
  target?: string;
}
