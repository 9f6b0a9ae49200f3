import assert from 'node:assert/strict';
import { readPolicy, type TaskGrant } from '../../../../src/core/policy';
import { scpRemovals } from '../../../../src/core/holders/scpRemovals';

const allowAll = readPolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}', 'FullAWSAccess');
const allowS3 = readPolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}', 'S3Only');
/** A grant on every account, as the identity policies give it; only the fields the SCP check reads. */
const grant = { task: 'IAMAuditRootUserCredentials', partitions: ['aws'], everyAccount: true, accounts: [] } as unknown as TaskGrant;

describe('holders: why the account\'s own SCPs take a root task away', () => {
  it('names the target of the level without an Allow', () => {
    const [removal] = scpRemovals([grant], [[allowAll], [allowS3]], {}, ['r-root', 'ou-prod']);
    assert.equal(removal.reason, 'no SCP attached at ou-prod allows sts:AssumeRoot');
  });

  it('counts levels from 1, as people read them, when the target is not known', () => {
    const [removal] = scpRemovals([grant], [[allowAll], [allowS3]], {}, []);
    assert.equal(removal.reason, 'no SCP attached at level 2 of the organization path allows sts:AssumeRoot');
  });
});
