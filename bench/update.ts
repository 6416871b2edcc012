/**
 * Update minimality: a `Custom::CognitoUsers` of 200 users created through the bundled
 * handler, then an Update that changes one attribute of one user and a no-op Update, with the
 * Cognito write calls counted by a loopback proxy. Beside them: the naive approach (re-apply
 * every declared user, run for real through the proxy) and CloudFormation's
 * AWS::Cognito::UserPoolUser (any property change replaces the user: delete + create).
 */
import { AdminUpdateUserAttributesCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startCognitoLocal, testCognitoClient, useLocalEndpoints } from '../test/emulator/emulator';
import { countWhere, startCountingProxy } from './counting-proxy';
import { bundledHandler, createEvent, declaredUsers, invoke, updateEvent } from './handler-harness';
import { Figure, isWriteOperation, verdict } from './stats';

interface DeclaredUser { Username: string; Attributes: { [name: string]: string } }

export async function benchUpdateMinimality(userCount = 200): Promise<{ figures: Figure[]; notes: string[] }> {
  const emulator = await startCognitoLocal();
  const proxy = await startCountingProxy(emulator.endpoint);
  const setup = testCognitoClient(emulator.endpoint);
  const throughProxy = testCognitoClient(proxy.endpoint);
  try {
    const poolId = (await setup.send(new CreateUserPoolCommand({ PoolName: 'bench-update' }))).UserPool!.Id!;
    useLocalEndpoints(proxy.endpoint, 'http://127.0.0.1:9');
    const handler = bundledHandler();
    const users = declaredUsers('user', userCount) as DeclaredUser[];
    const v1 = { UserPoolId: poolId, Users: users };
    const writes = () => countWhere(proxy.forwarded, isWriteOperation);
    const calls = () => [...proxy.forwarded].map(([op, n]) => `${op} ${n}`).join(', ') || 'none';

    const { PhysicalResourceId: id } = await invoke(handler, createEvent('Custom::CognitoUsers', v1));
    const createWrites = writes();
    const createCalls = calls();

    // One attribute of one user changes.
    proxy.reset();
    const changed = users.map((u, i) => (i === 42 ? { ...u, Attributes: { ...u.Attributes, given_name: 'Ada' } } : u));
    const v2 = { ...v1, Users: changed };
    await invoke(handler, updateEvent('Custom::CognitoUsers', id!, v1, v2));
    const oneChangeWrites = writes();
    const oneChangeCalls = calls();

    // Nothing changes.
    proxy.reset();
    await invoke(handler, updateEvent('Custom::CognitoUsers', id!, v2, v2));
    const noOpWrites = writes();
    const noOpCalls = countWhere(proxy.forwarded, () => true);

    // Naive: re-apply every declared user's attributes, whatever changed.
    proxy.reset();
    for (const u of changed) {
      await throughProxy.send(new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId, Username: u.Username, UserAttributes: Object.entries(u.Attributes).map(([Name, Value]) => ({ Name, Value })),
      }));
    }
    const naiveWrites = writes();

    const section = 'Update minimality';
    const figures: Figure[] = [
      { section, name: `Create of ${userCount} users: Cognito writes`, value: `${createWrites} (${createCalls})`, budget: '', verdict: '-' },
      {
        section, name: 'Update, one attribute of one user changed: Cognito writes',
        value: `${oneChangeWrites} (${oneChangeCalls})`, budget: 'exactly 1', verdict: verdict(oneChangeWrites === 1),
      },
      { section, name: 'No-op Update: Cognito writes', value: `${noOpWrites} (${noOpCalls} calls of any kind)`, budget: '0', verdict: verdict(noOpWrites === 0) },
      {
        section, name: `Naive re-apply of every user (run through the proxy): writes`,
        value: `${naiveWrites} (AdminUpdateUserAttributes ${naiveWrites})`, budget: '', verdict: '-',
      },
      {
        section, name: 'AWS::Cognito::UserPoolUser, one property changed (modelled): writes',
        value: '2 (replacement: AdminCreateUser + AdminDeleteUser; the user loses its password, groups and sub)', budget: '', verdict: '-',
      },
    ];
    return { figures, notes: [] };
  } finally {
    setup.destroy();
    throughProxy.destroy();
    await proxy.stop();
    await emulator.stop();
  }
}

if (require.main === module) {
  benchUpdateMinimality().then((r) => console.log(JSON.stringify(r, undefined, 2)));
}
