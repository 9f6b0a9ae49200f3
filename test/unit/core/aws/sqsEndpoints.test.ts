import assert from 'node:assert/strict';
import { type SqsEndpointPlace, queueUrlEndpointProblem, sqsHostsOf } from '../../../../src/core/aws/sqsEndpoints';

const AWS_EAST: SqsEndpointPlace = { region: 'us-east-1' };
const SANDBOX: SqsEndpointPlace = { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' };
const CHINA: SqsEndpointPlace = { region: 'cn-north-1' };
const GOVCLOUD: SqsEndpointPlace = { region: 'us-gov-west-1' };

describe('which hosts a queue URL may name', () => {
  const cases: [string, SqsEndpointPlace, string, RegExp | undefined][] = [
    // The SQS hosts of the connection's region, as the SDK resolves them, and the legacy queue hosts.
    ['the regional endpoint', AWS_EAST, 'https://sqs.us-east-1.amazonaws.com/111122223333/q', undefined],
    ['the FIPS endpoint', AWS_EAST, 'https://sqs-fips.us-east-1.amazonaws.com/111122223333/q', undefined],
    ['the dual-stack endpoint', AWS_EAST, 'https://sqs.us-east-1.api.aws/111122223333/q', undefined],
    ['the FIPS dual-stack endpoint', AWS_EAST, 'https://sqs-fips.us-east-1.api.aws/111122223333/q', undefined],
    ['the legacy regional queue host', AWS_EAST, 'https://us-east-1.queue.amazonaws.com/111122223333/q', undefined],
    ['the legacy us-east-1 queue host', AWS_EAST, 'https://queue.amazonaws.com/111122223333/q', undefined],
    ['China', CHINA, 'https://sqs.cn-north-1.amazonaws.com.cn/111122223333/q', undefined],
    ['China dual-stack', CHINA, 'https://sqs.cn-north-1.api.amazonwebservices.com.cn/111122223333/q', undefined],
    ['GovCloud', GOVCLOUD, 'https://sqs.us-gov-west-1.amazonaws.com/111122223333/q', undefined],
    ['the configured endpoint', SANDBOX, 'http://127.0.0.1:4566/111122223333/q', undefined],
    ['the configured endpoint on another port (a sandbox started again)', SANDBOX, 'http://127.0.0.1:4999/111122223333/q', undefined],
    ['AWS beside a configured endpoint', SANDBOX, 'https://sqs.us-east-1.amazonaws.com/111122223333/q', undefined],
    // Anything else.
    ['a host of anyone\'s', AWS_EAST, 'http://127.0.0.1:47399/111122223333/q', /must be on the SQS endpoint of us-east-1 \(https:\/\/sqs\.us-east-1\.amazonaws\.com\/\.\.\.\), not http:\/\/127\.0\.0\.1:47399$/],
    ['http to AWS', AWS_EAST, 'http://sqs.us-east-1.amazonaws.com/111122223333/q', /not http:\/\/sqs\.us-east-1\.amazonaws\.com$/],
    ['AWS on another port', AWS_EAST, 'https://sqs.us-east-1.amazonaws.com:8443/111122223333/q', /not https:\/\/sqs\.us-east-1\.amazonaws\.com:8443$/],
    ['a look-alike host', AWS_EAST, 'https://sqs.us-east-1.amazonaws.com.example.net/111122223333/q', /not https:\/\/sqs\.us-east-1\.amazonaws\.com\.example\.net$/],
    ['a subdomain of the endpoint', AWS_EAST, 'https://x.sqs.us-east-1.amazonaws.com/111122223333/q', /must be on the SQS endpoint/],
    ['a user name in the URL', AWS_EAST, 'https://attacker@sqs.us-east-1.amazonaws.com/111122223333/q', /no user name or password/],
    ['another partition', AWS_EAST, 'https://sqs.cn-north-1.amazonaws.com.cn/111122223333/q', /region cn-north-1, but this connection's SQS calls go to us-east-1/],
    ['another region', AWS_EAST, 'https://sqs.eu-west-1.amazonaws.com/111122223333/q', /region eu-west-1, but this connection's SQS calls go to us-east-1: connect to eu-west-1/],
    ['the configured host over https when it is http', SANDBOX, 'https://127.0.0.1:4566/111122223333/q', /or http:\/\/127\.0\.0\.1:4566\/\.\.\.\), not https:\/\/127\.0\.0\.1:4566$/],
    ['another local host beside a configured endpoint', SANDBOX, 'http://localhost:4566/111122223333/q', /not http:\/\/localhost:4566$/],
    ['not a URL', AWS_EAST, 'https//sqs', /is not a URL/],
  ];
  for (const [what, place, url, refused] of cases) {
    it(`${refused ? 'refuses' : 'accepts'} ${what}`, () => {
      const problem = queueUrlEndpointProblem(url, place);
      if (refused) assert.match(problem ?? '(accepted)', refused);
      else assert.equal(problem, undefined);
    });
  }

  it('takes the hosts from the SDK\'s own endpoint rules, the plain one first', () => {
    assert.deepEqual([...sqsHostsOf('eu-west-1')], [
      'sqs.eu-west-1.amazonaws.com',
      'sqs-fips.eu-west-1.amazonaws.com',
      'sqs.eu-west-1.api.aws',
      'sqs-fips.eu-west-1.api.aws',
      'eu-west-1.queue.amazonaws.com',
    ]);
  });
});
