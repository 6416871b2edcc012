// The constructs and the handler agree on properties: for every `Custom::Cognito*` type, the
// property names the constructs in lib/ emit (the example app, plus a stack for the options no
// example uses) are exactly the names the module's strict parse accepts, at the top level and in
// each nested object. A property the constructs emit but the handler refuses would fail every
// deployment; one the handler accepts but no construct emits is dead or misspelt.
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { MODULES } from '../../custom-resources/modules';
import type { RawProperties, ResourceModule } from '../../custom-resources/shared/types';
import { buildExampleApp } from '../../examples/all';
import {
  DeliveryMedium, HostedUiLogo, ImmutableSettingsGuard, MfaEnforcement, User, UserMfaMethod, UserPool, UserPoolMfaSettings, UserPoolTriggers, Users,
} from '../../lib';

const UNKNOWN = 'ZzNotAProperty';
/** Object properties that are free maps (any key is data, e.g. user attribute names), not nested properties. */
const FREE_MAPS: { [type: string]: string[] } = { 'Custom::CognitoUser': ['Attributes'] };

/** The options of the constructs that no example uses. */
function addUnusedOptions(app: App): void {
  const stack = new Stack(app, 'ContractOptions');
  const pool = new UserPool(stack, 'Pool', {
    customAttributes: {
      seats: new cognito.NumberAttribute({ min: 1, max: 500, mutable: true }),
      code: new cognito.StringAttribute({ minLen: 2, maxLen: 8, mutable: false }),
    },
  });
  const client = pool.addClient('Web', { oAuth: { callbackUrls: ['https://app.example.com/callback'] } });
  new ImmutableSettingsGuard(stack, 'Guard', { userPool: pool, clients: [client] });
  new UserPoolMfaSettings(stack, 'Mfa', {
    userPool: pool,
    enforcement: MfaEnforcement.OPTIONAL,
    totp: true,
    email: { subject: 'Your code', message: 'Your code is {####}' },
    sms: {
      snsRole: new iam.Role(stack, 'Sns', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') }),
      externalId: 'pool-sms',
      snsRegion: 'us-east-1',
      message: 'Your code is {####}',
    },
  });
  const logo = new HostedUiLogo(stack, 'Logo', { userPool: pool, client, imagePath: path.join(__dirname, '..', '..', 'examples', 'files', 'logo.png') });
  logo.reapplyAfter(client, 'css-v1');
  new User(stack, 'Adopted', {
    userPool: pool, username: 'adopted', email: 'adopted@example.com', phoneNumber: '+15555550100', adoptExisting: true,
    invitationMediums: [DeliveryMedium.EMAIL], mfa: { sms: true, email: false, preferred: UserMfaMethod.SMS },
  });
  // Every trigger slot, the custom senders' key and the SMS roles, on a pool owned elsewhere.
  const f = new lambda.Function(stack, 'Trigger', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  new UserPoolTriggers(stack, 'AllTriggers', {
    userPool: cognito.UserPool.fromUserPoolId(stack, 'Elsewhere', 'us-east-1_contract'),
    triggers: {
      preSignUp: f, customMessage: f, postConfirmation: f, preAuthentication: f, postAuthentication: f, defineAuthChallenge: f,
      createAuthChallenge: f, verifyAuthChallengeResponse: f, preTokenGeneration: f, userMigration: f, customEmailSender: f,
      customSmsSender: f, inboundFederation: f,
    },
    customSenderKmsKey: new kms.Key(stack, 'SenderKey'),
    smsRoles: [iam.Role.fromRoleArn(stack, 'PoolSms', 'arn:aws:iam::111111111111:role/sms', { mutable: false })],
  });
  new Users(stack, 'AdoptedList', { userPool: pool, adoptExisting: true, users: [{ username: 'listed', email: 'listed@example.com', invitationMediums: [DeliveryMedium.EMAIL] }, { username: 'quiet', sendInvitation: false }] });
}

interface Emitted {
  readonly type: string;
  readonly path: string;
  readonly properties: RawProperties;
}

function emittedResources(): Emitted[] {
  const app = new App();
  buildExampleApp(app);
  addUnusedOptions(app);
  const out: Emitted[] = [];
  for (const stack of app.node.children.filter(Stack.isStack)) {
    const resources = Template.fromStack(stack).toJSON().Resources as { [id: string]: { Type: string; Properties?: RawProperties } };
    for (const [id, r] of Object.entries(resources)) {
      if (!r.Type.startsWith('Custom::Cognito')) continue;
      const { ServiceToken: _token, ...properties } = r.Properties ?? {};
      out.push({ type: r.Type, path: `${stack.stackName}/${id}`, properties: delivered(properties) as RawProperties });
    }
  }
  return out;
}

/** What the handler receives: CloudFormation turns scalars into strings and resolves intrinsics. */
function delivered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(delivered);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return `resolved-${keys[0]}`;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, delivered(v)]));
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** The nested objects of a property value: the object itself, or each object of a list. */
function nestedObjects(value: unknown): RawProperties[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object' && !Array.isArray(v));
  return value && typeof value === 'object' ? [value as RawProperties] : [];
}

/** The names the strict parse allows, read from its refusal of an unknown name (the error lists them). */
function allowedNames(mod: ResourceModule<unknown>, raw: RawProperties, nestedIn?: string): string[] {
  const probe = structuredClone(raw);
  let where: string;
  if (nestedIn === undefined) {
    probe[UNKNOWN] = 'x';
    where = '';
  } else if (Array.isArray(probe[nestedIn])) {
    (probe[nestedIn] as RawProperties[])[0][UNKNOWN] = 'x';
    where = `${nestedIn}[0]`;
  } else {
    (probe[nestedIn] as RawProperties)[UNKNOWN] = 'x';
    where = nestedIn;
  }
  const prefix = where ? `${where}.` : '';
  const inWhere = where ? ` in ${where}` : '';
  try {
    mod.parse(probe);
  } catch (error) {
    const match = new RegExp(`^Unknown property ${escape(prefix + UNKNOWN)}; allowed${escape(inWhere)}: (.*)$`).exec((error as Error).message);
    if (match) return match[1].split(', ').sort();
    throw error;
  }
  throw new Error(`${mod.resourceType}: the unknown property ${prefix}${UNKNOWN} was accepted`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const resources = emittedResources();
const moduleOf = (type: string) => MODULES.find((m) => m.resourceType === type)!;
// Every module parses new properties strictly.
const STRICT = MODULES.map((m) => m.resourceType);

describe('every emitted property is parsed', () => {
  test.each(MODULES.map((m) => m.resourceType))('%s', (type) => {
    const instances = resources.filter((r) => r.type === type);
    expect(instances.length).toBeGreaterThan(0);
    const refused: string[] = [];
    for (const r of instances) {
      try {
        moduleOf(type).parse(r.properties);
      } catch (error) {
        refused.push(`${r.path}: ${(error as Error).message}`);
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('the strict parse accepts exactly the emitted names, and refuses any other naming it', () => {
  test.each(STRICT)('%s', (type) => {
    const instances = resources.filter((r) => r.type === type);
    const mod = moduleOf(type);
    // Top level: the union of what every instance emits.
    const emitted = [...new Set(instances.flatMap((r) => Object.keys(r.properties)))].sort();
    expect(allowedNames(mod, instances[0].properties)).toEqual(emitted);
    // Each nested object (a list of objects, or an object), probed in an instance that has one.
    const nested = [...new Set(instances.flatMap((r) => Object.keys(r.properties).filter((k) => nestedObjects(r.properties[k]).length > 0)))]
      .filter((k) => !(FREE_MAPS[type] ?? []).includes(k));
    for (const property of nested) {
      const names = [...new Set(instances.flatMap((r) => nestedObjects(r.properties[property]).flatMap((o) => Object.keys(o))))].sort();
      const host = instances.find((r) => nestedObjects(r.properties[property]).length > 0)!;
      expect({ property, allowed: allowedNames(mod, host.properties, property) }).toEqual({ property, allowed: names });
    }
  });
});
