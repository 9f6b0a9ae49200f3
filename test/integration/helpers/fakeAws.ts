// The runners point AWS_ENDPOINT_URL of the extension host at a local recorder (test/harness/
// fakeAwsEndpoint.ts) with fake credentials: an AWS SDK call from the host lands there, never on AWS.
import { FAKE_AWS_RECORD_PATH, type RecordedAwsRequest } from '../protocol';

export function fakeAwsEndpointUrl(): string {
  const url = process.env.AWS_ENDPOINT_URL;
  if (!url?.startsWith('http://127.0.0.1:')) throw new Error(`AWS_ENDPOINT_URL is ${url ?? 'unset'}; run the suites through the test runner`);
  return url;
}

/** Every AWS request the recorder has seen in this run, oldest first. */
export async function recordedAwsRequests(): Promise<RecordedAwsRequest[]> {
  const response = await fetch(fakeAwsEndpointUrl() + FAKE_AWS_RECORD_PATH);
  return (await response.json()) as RecordedAwsRequest[];
}
