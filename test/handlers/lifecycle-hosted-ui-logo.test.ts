// Lifecycle matrix of Custom::CognitoHostedUiLogo (issue 10, "How it is proven"). cognito-local
// has no UI customization, so the events go through the router (real parse and routing) to a
// stateful fake of Cognito's hosted-UI customization and of the asset bucket.
import { CognitoIdentityProviderClient, GetUICustomizationCommand, SetUICustomizationCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { hostedUiLogoModule } from '../../custom-resources/hosted-ui-logo';
import { MODULES } from '../../custom-resources/modules';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';
import { awsError, installFake } from './lifecycle-fake';

const TYPE = 'Custom::CognitoHostedUiLogo';
const cognitoMock = mockClient(CognitoIdentityProviderClient);
const s3 = mockClient(S3Client);

/** The fake's state: pools (with or without a domain), their clients, and each customization. */
interface Customization { css?: string; image?: string }
interface PoolState { domain: boolean; clients: Set<string>; ui: Map<string, Customization> }
const pools = new Map<string, PoolState>();
const objects = new Map<string, string>([['h1.png', 'LOGO-ONE'], ['h2.png', 'LOGO-TWO']]);
function target(input: any): PoolState {
  const pool = pools.get(input.UserPoolId);
  if (!pool) throw awsError('ResourceNotFoundException', `User pool ${input.UserPoolId} does not exist.`);
  if (input.ClientId !== 'ALL' && !pool.clients.has(input.ClientId)) throw awsError('ResourceNotFoundException', 'Client does not exist.');
  return pool;
}
const fake = installFake(cognitoMock, [
  [GetUICustomizationCommand, (input) => {
    // A client without a customization of its own is shown (and answered with) the pool's.
    const pool = target(input);
    const own = pool.ui.get(input.ClientId);
    const [clientId, ui] = own ? [input.ClientId, own] : pool.ui.has('ALL') ? ['ALL', pool.ui.get('ALL')!] : [input.ClientId, {}];
    return { UICustomization: { UserPoolId: input.UserPoolId, ClientId: clientId, CSS: ui.css, ImageUrl: ui.image && `https://cdn.example/${ui.image}` } };
  }],
  [SetUICustomizationCommand, (input) => {
    const pool = target(input);
    if (!pool.domain) throw awsError('InvalidParameterException', 'There has to be an existing domain associated with this user pool or app client.');
    // SetUICustomization replaces the whole customization: no ImageFile, no logo.
    pool.ui.set(input.ClientId, { css: input.CSS, image: input.ImageFile ? Buffer.from(input.ImageFile).toString() : undefined });
    return {};
  }],
]);
const ui = (pool: string, client: string) => pools.get(pool)?.ui.get(client);

const run = (event: any) => dispatch(event, testContext(), MODULES);
const props = (hash = 'h1', extra: object = {}) => ({
  UserPoolId: 'us-east-1_a', ClientId: 'ALL', ImageBucket: 'assets', ImageKey: `${hash}.png`, ImageHash: hash, ...extra,
});
const ID = 'us-east-1_a/ALL/hosted-ui-logo';
const SET = 'SetUICustomization';
const GET = 'GetUICustomization';
const KILLED = 'SimulatedLambdaTimeout';
const killAfterWrite = () => {
  fake.faults.lose = (op, _i, nth) => op === SET && nth === 1;
  fake.faults.inject = (op, _i, nth) => (op === SET && nth === 2 ? KILLED : undefined);
};

beforeEach(() => {
  pools.clear();
  fake.reset();
  s3.reset();
  s3.on(GetObjectCommand).callsFake(async (input: any) => {
    const body = objects.get(input.Key);
    if (!body) throw awsError('NoSuchKey', 'The specified key does not exist.', 404);
    return { Body: { transformToByteArray: async () => new Uint8Array(Buffer.from(body)) } } as any;
  });
  pools.set('us-east-1_a', { domain: true, clients: new Set(['web', 'mobile']), ui: new Map([['ALL', { css: '.banner{color:red}' }]]) });
  pools.set('us-east-1_b', { domain: true, clients: new Set(['web2']), ui: new Map() });
});

describe('create', () => {
  test('sets the logo and keeps the CSS in place; the retried Create (write landed) converges with the same id', async () => {
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.operations()).toEqual([GET, SET, GET, SET]);
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-ONE' });
  });

  test('a lost response converges', async () => {
    fake.faults.lose = (op, _i, nth) => op === SET && nth === 1;
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.lost).toEqual([SET]);
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-ONE' });
  });

  test('the Lambda killed after the write landed, then the next Create', async () => {
    killAfterWrite();
    await expect(run(createEvent(TYPE, props()))).rejects.toThrow(`Injected ${KILLED}`);
    fake.reset();
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.operations()).toEqual([GET, SET]);
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-ONE' });
  });

  test('the failed-Create path (no Delete comes): a logo that landed is the declared one, adopted by the next attempt', async () => {
    killAfterWrite();
    await expect(run(createEvent(TYPE, props('h1', { ClientId: 'web' })))).rejects.toThrow(`Injected ${KILLED}`);
    // (a client logo is a customization of the client's own: the pool's CSS it showed is copied in)
    expect(ui('us-east-1_a', 'web')).toEqual({ css: '.banner{color:red}', image: 'LOGO-ONE' });
    // A Create that failed before its write (here: the pool has no domain yet) changed nothing.
    pools.get('us-east-1_b')!.domain = false;
    await expect(run(createEvent(TYPE, props('h1', { UserPoolId: 'us-east-1_b', ClientId: 'web2' }))))
      .rejects.toThrow('There has to be an existing domain associated with this user pool or app client.');
    expect(pools.get('us-east-1_b')!.ui.size).toBe(0);
  });
});

describe('update', () => {
  beforeEach(async () => {
    await run(createEvent(TYPE, props()));
    fake.reset();
  });

  test('a new image and a new Refresh re-send once each; a new asset location alone makes no call', async () => {
    await expect(run(updateEvent(TYPE, ID, props('h1'), props('h1', { ImageBucket: 'assets-2' })))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.calls).toEqual([]);
    await expect(run(updateEvent(TYPE, ID, props('h1'), props('h2')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-TWO' });
    pools.get('us-east-1_a')!.ui.set('ALL', { css: '.banner{color:blue}' }); // the CSS attachment was replaced without the logo
    await expect(run(updateEvent(TYPE, ID, props('h2'), props('h2', { Refresh: 'css-2' })))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.operations()).toEqual([GET, SET, GET, SET]);
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:blue}', image: 'LOGO-TWO' });
  });

  test('a failure on the 2nd call (the Set), then the rollback under the old id', async () => {
    fake.faults.inject = (op) => (op === SET ? 'InvalidParameterException' : undefined);
    await expect(run(updateEvent(TYPE, ID, props('h1'), props('h2')))).rejects.toThrow('Injected InvalidParameterException');
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-ONE' });
    fake.reset();
    await expect(run(updateEvent(TYPE, ID, props('h2'), props('h1')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-ONE' });
  });

  test('the Lambda killed midway through an update, then the same update again', async () => {
    killAfterWrite();
    await expect(run(updateEvent(TYPE, ID, props('h1'), props('h2')))).rejects.toThrow(`Injected ${KILLED}`);
    fake.reset();
    await expect(run(updateEvent(TYPE, ID, props('h1'), props('h2')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-TWO' });
  });

  test('another client, then another pool: new ids; the old id\'s Delete removes the old logo, keeps its CSS, or does nothing when gone', async () => {
    await expect(run(updateEvent(TYPE, ID, props(), props('h1', { ClientId: 'web' })))).resolves.toEqual({ PhysicalResourceId: 'us-east-1_a/web/hosted-ui-logo' });
    await expect(run(deleteEvent(TYPE, ID, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: undefined });
    expect(ui('us-east-1_a', 'web')).toEqual({ css: '.banner{color:red}', image: 'LOGO-ONE' });
    const webId = 'us-east-1_a/web/hosted-ui-logo';
    const moved = props('h1', { UserPoolId: 'us-east-1_b', ClientId: 'web2' });
    await expect(run(updateEvent(TYPE, webId, props('h1', { ClientId: 'web' }), moved))).resolves.toEqual({ PhysicalResourceId: 'us-east-1_b/web2/hosted-ui-logo' });
    pools.delete('us-east-1_a');
    fake.reset();
    await expect(run(deleteEvent(TYPE, webId, props('h1', { ClientId: 'web' })))).resolves.toEqual({ PhysicalResourceId: webId });
    expect(fake.operations()).toEqual([GET]);
    expect(ui('us-east-1_b', 'web2')).toEqual({ css: undefined, image: 'LOGO-ONE' });
  });

  test('an update from properties an older version wrote (no Refresh), and from unusable ones', async () => {
    const older = { UserPoolId: 'us-east-1_a', ClientId: 'ALL', ImageBucket: 'assets', ImageKey: 'h1.png', ImageHash: 'h1' };
    await expect(run(updateEvent(TYPE, ID, older, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.calls).toEqual([]);
    await expect(hostedUiLogoModule.onUpdate(hostedUiLogoModule.parse(props('h2')), undefined as any, ID, testContext()))
      .resolves.toEqual({ physicalId: ID });
    expect(fake.operations()).toEqual([GET, SET]);
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-TWO' });
  });
});

describe('delete', () => {
  test('removes the logo and keeps the CSS; a second Delete (nothing left to remove) writes nothing', async () => {
    await run(createEvent(TYPE, props()));
    fake.reset();
    await expect(run(deleteEvent(TYPE, ID, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    await expect(run(deleteEvent(TYPE, ID, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.calls).toEqual([
      { operation: GET, input: { UserPoolId: 'us-east-1_a', ClientId: 'ALL' } },
      { operation: SET, input: { UserPoolId: 'us-east-1_a', ClientId: 'ALL', CSS: '.banner{color:red}', ImageFile: undefined } },
      { operation: GET, input: { UserPoolId: 'us-east-1_a', ClientId: 'ALL' } },
    ]);
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: undefined });
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'assets', Key: 'h1.png' }]);
  });

  test('of a client logo that never landed (the client shows the pool\'s customization) writes nothing', async () => {
    // GIVEN the pool-wide logo, and a client logo whose Create failed before its write
    await run(createEvent(TYPE, props()));
    fake.faults.inject = (op) => (op === SET ? 'InvalidParameterException' : undefined);
    await expect(run(createEvent(TYPE, props('h2', { ClientId: 'web' })))).rejects.toThrow('Injected InvalidParameterException');
    fake.reset();
    // WHEN a Delete of that client logo comes (e.g. after a client replacement rolled back)
    await expect(run(deleteEvent(TYPE, 'us-east-1_a/web/hosted-ui-logo', props('h2', { ClientId: 'web' }))))
      .resolves.toEqual({ PhysicalResourceId: 'us-east-1_a/web/hosted-ui-logo' });
    // THEN the client keeps showing the pool's logo: no customization of its own was written
    expect(fake.operations()).toEqual([GET]);
    expect(ui('us-east-1_a', 'web')).toBeUndefined();
    expect(ui('us-east-1_a', 'ALL')).toEqual({ css: '.banner{color:red}', image: 'LOGO-ONE' });
  });

  test.each([
    ['the pool', () => pools.delete('us-east-1_a')],
    ['the client', () => pools.get('us-east-1_a')!.clients.delete('web')],
    ['the domain', () => { pools.get('us-east-1_a')!.domain = false; }],
  ])('with %s already gone succeeds and resets nothing', async (_what, remove) => {
    const webId = 'us-east-1_a/web/hosted-ui-logo';
    await run(createEvent(TYPE, props('h1', { ClientId: 'web' })));
    remove();
    const before = JSON.stringify([...(pools.get('us-east-1_a')?.ui.entries() ?? [])]);
    await expect(run(deleteEvent(TYPE, webId, props('h1', { ClientId: 'web' })))).resolves.toEqual({ PhysicalResourceId: webId });
    expect(JSON.stringify([...(pools.get('us-east-1_a')?.ui.entries() ?? [])])).toEqual(before);
  });
});
