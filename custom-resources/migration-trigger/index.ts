/**
 * The function of a `UserPoolMigration`: the new pool's user-migration trigger, and the commands
 * the construct (or an operator) sends it.
 *
 * Trigger events (Cognito calls them when a user unknown to the new pool signs in or asks for a
 * password reset):
 * - `UserMigration_Authentication`: finds the user in the old pool (by username, or by the
 *   lookup attribute, e.g. the email address the new pool signs in with), checks the password
 *   with AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH) on the old pool and returns the user's
 *   attributes, mapped, with `finalUserStatus: CONFIRMED` and `messageAction: SUPPRESS`: the user
 *   keeps the password. A challenge from the old pool (a new password, MFA) fails the migration
 *   of that user, cleanly: the user is not created, the old pool is untouched, and the import at
 *   the end of the window brings the user over.
 * - `UserMigration_ForgotPassword`: AdminGetUser only; Cognito then sends the reset code.
 * After each migration it invokes itself asynchronously (`after-migration`) to copy the user's
 * group memberships and re-link the federated identities once Cognito has created the user.
 *
 * Commands (`{ "command": ... }`):
 * - `after-migration`: the follow-up above.
 * - `export`: writes the old pool's users that are not in the new pool as the import CSV, and
 *   the memberships of the copied groups as JSON, to the construct's bucket (for a UserImportJob).
 * - `progress`: publishes both pools' estimated user counts and the difference (remaining).
 *
 * The password is never logged: it is registered with the logger as a secret before anything
 * else, and no message or metric carries it.
 */
import {
  AdminAddUserToGroupCommand, AdminGetUserCommand, AdminInitiateAuthCommand, AdminLinkProviderForUserCommand,
  AdminListGroupsForUserCommand, AttributeType, DescribeIdentityProviderCommand, DescribeUserPoolCommand,
  ListUsersCommand, ListUsersInGroupCommand, UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { csvField, STANDARD_IMPORT_COLUMNS } from '../../lib/private/import-csv';
import { CognitoApi, createCognitoClient, isNotFound } from '../shared/cognito';
import { emfLine } from '../shared/emf';
import { loggableUsername, Logger } from '../shared/log';
import { Clock, QUOTA_CONCURRENCY_VARIABLE, QUOTA_SHARE_VARIABLE, quotaShares, RateBudget, realClock } from '../shared/rate-budget';
import { DEFAULT_RETRY } from '../shared/retry';

/** The construct's settings, in the function's environment (`MIGRATION_CONFIG`, JSON). */
export interface MigrationConfig {
  /** The old pool's id. */
  readonly sourceUserPoolId: string;
  /** The old pool's client that allows ADMIN_USER_PASSWORD_AUTH (no secret). */
  readonly sourceClientId: string;
  /** Old attribute name → new name; attributes not listed keep their name. */
  readonly attributeMapping: { readonly [source: string]: string };
  /** The groups whose memberships are copied. */
  readonly groups: string[];
  /** The old pool's attribute to find a user by when the name typed is not an old username. */
  readonly lookupAttribute?: string;
  /** ISO 8601 time after which nobody is migrated at sign-in. */
  readonly endsAt?: string;
  /** CloudWatch namespace and the value of the `Migration` dimension. */
  readonly metricNamespace: string;
  readonly migrationName: string;
  /** The bucket the export writes to. */
  readonly exportBucket?: string;
}

export const CONFIG_VARIABLE = 'MIGRATION_CONFIG';

/** The message Cognito shows for a wrong password or an unknown user (both alike: no user enumeration). */
export const INCORRECT = 'Incorrect username or password.';

/** Attributes never copied: Cognito sets them itself in the new pool. */
const NOT_COPIED = new Set(['sub', 'identities', 'cognito:user_status', 'cognito:mfa_enabled', 'cognito:username']);

/** What the handler talks to; injected by tests. */
export interface MigrationDeps {
  readonly cognito: CognitoApi;
  readonly log: Logger;
  readonly clock: Clock;
  /** Sends an asynchronous invocation of this function. */
  readonly invokeSelf: (payload: object) => Promise<void>;
  readonly putObject: (bucket: string, key: string, body: string, contentType: string) => Promise<void>;
  /** Writes one line to the function's log (EMF records go through here). */
  readonly emit: (line: string) => void;
  readonly config: MigrationConfig;
}

/** A Cognito trigger event (the fields this function reads and writes). */
export interface MigrationTriggerEvent {
  readonly triggerSource: string;
  readonly userPoolId: string;
  readonly userName: string;
  readonly request: { readonly password?: string; readonly [key: string]: unknown };
  response: { [key: string]: unknown };
  readonly [key: string]: unknown;
}

export interface AfterMigrationCommand {
  readonly command: 'after-migration';
  readonly targetUserPoolId: string;
  readonly sourceUsername: string;
  /** The name the new pool knows the user by (what was typed at sign-in). */
  readonly targetUsername: string;
}

export interface ExportCommand {
  readonly command: 'export';
  readonly targetUserPoolId: string;
  /** The key prefix of the files; default `exports/<time>`. */
  readonly prefix?: string;
}

export interface ProgressCommand {
  readonly command: 'progress';
  readonly targetUserPoolId: string;
}

export type MigrationCommand = AfterMigrationCommand | ExportCommand | ProgressCommand;

/** Refuses the migration of one user: Cognito answers the sign-in with this message. */
export class MigrationRefused extends Error {
  constructor(message: string, readonly reason: string) {
    super(message);
    this.name = 'MigrationRefused';
  }
}

/** The Lambda entry point. */
export async function handler(event: MigrationTriggerEvent | MigrationCommand): Promise<unknown> {
  return handle(event, defaultDeps('triggerSource' in event));
}

export async function handle(event: MigrationTriggerEvent | MigrationCommand, deps: MigrationDeps): Promise<unknown> {
  if ('triggerSource' in event) return migrateUser(event, deps);
  switch (event.command) {
    case 'after-migration': return afterMigration(event, deps);
    case 'export': return exportUsers(event, deps);
    case 'progress': return progress(event, deps);
    default: throw new Error(`Unknown command ${JSON.stringify((event as { command?: unknown }).command)}: expected after-migration, export or progress`);
  }
}

// ---------------------------------------------------------------------------------------------
// The trigger

async function migrateUser(event: MigrationTriggerEvent, deps: MigrationDeps): Promise<MigrationTriggerEvent> {
  const { config, log } = deps;
  const password = event.request.password;
  if (password) log.addSecret(password);
  const who = loggableUsername(event.userName);
  if (event.triggerSource !== 'UserMigration_Authentication' && event.triggerSource !== 'UserMigration_ForgotPassword') {
    throw new Error(`Unexpected trigger ${event.triggerSource}: this function is a user-migration trigger`);
  }
  try {
    if (config.endsAt !== undefined && deps.clock.now() > Date.parse(config.endsAt)) {
      throw new MigrationRefused(INCORRECT, `the migration window ended at ${config.endsAt}`);
    }
    const source = await findSourceUser(deps, event.userName);
    if (!source) throw new MigrationRefused(INCORRECT, 'not in the old pool');
    if (source.Enabled === false) throw new MigrationRefused('User is disabled.', 'disabled in the old pool');
    if (event.triggerSource === 'UserMigration_Authentication') {
      await authenticate(deps, source.Username!, password ?? '');
      event.response.finalUserStatus = 'CONFIRMED';
    }
    event.response.userAttributes = mapAttributes(source.Attributes ?? [], config.attributeMapping);
    event.response.messageAction = 'SUPPRESS';
    await scheduleFollowUp(deps, {
      command: 'after-migration', targetUserPoolId: event.userPoolId, sourceUsername: source.Username!, targetUsername: event.userName,
    });
    metric(deps, 'MigratedUsers', 1, { triggerSource: event.triggerSource });
    log.info(`Migrated ${who} (${event.triggerSource})`);
    return event;
  } catch (error) {
    if (error instanceof MigrationRefused) {
      metric(deps, 'RefusedMigrations', 1, { triggerSource: event.triggerSource, reason: error.reason });
      log.info(`Not migrated: ${who}: ${error.reason}`);
      throw error;
    }
    metric(deps, 'FailedMigrations', 1, { triggerSource: event.triggerSource });
    log.error(`Migration of ${who} failed`, { error: String((error as Error)?.message ?? error), name: (error as Error)?.name });
    // Cognito shows the message to the user: no detail of the failure.
    throw new Error('The user could not be migrated; try again later.');
  }
}

/**
 * Memberships and links need the new user, which Cognito creates after the trigger answered: an
 * asynchronous invocation of this function does them. Its failure does not fail the sign-in (a
 * metric counts it; the export's memberships file covers the user).
 */
async function scheduleFollowUp(deps: MigrationDeps, command: AfterMigrationCommand): Promise<void> {
  try {
    await deps.invokeSelf(command);
  } catch (error) {
    metric(deps, 'FailedFollowUps', 1, {});
    deps.log.error(`Could not start the follow-up of ${loggableUsername(command.targetUsername)}`, { error: String((error as Error)?.message ?? error) });
  }
}

/** The user in the old pool: by username (or alias), else by the lookup attribute. */
async function findSourceUser(deps: MigrationDeps, name: string): Promise<UserType | undefined> {
  const { cognito, config } = deps;
  try {
    const user = await cognito.send('UserRead', new AdminGetUserCommand({ UserPoolId: config.sourceUserPoolId, Username: name }));
    return { Username: user.Username, Attributes: user.UserAttributes, Enabled: user.Enabled, UserStatus: user.UserStatus };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (config.lookupAttribute === undefined) return undefined;
  const found = await cognito.send('UserList', new ListUsersCommand({
    UserPoolId: config.sourceUserPoolId,
    Filter: `${config.lookupAttribute} = "${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
    Limit: 2,
  }));
  // Two users with the same address: neither is the one (the import brings both, and Cognito refuses the second).
  const users = (found.Users ?? []).filter((u) => u.Attributes?.some((a) => a.Name === config.lookupAttribute && a.Value === name));
  return users.length === 1 ? users[0] : undefined;
}

/** Checks the password on the old pool; any challenge refuses the migration of this user. */
async function authenticate(deps: MigrationDeps, username: string, password: string): Promise<void> {
  const { cognito, config } = deps;
  let result;
  try {
    result = await cognito.send('UserAuthentication', new AdminInitiateAuthCommand({
      UserPoolId: config.sourceUserPoolId,
      ClientId: config.sourceClientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
  } catch (error) {
    const name = (error as Error)?.name;
    // A wrong password is NotAuthorizedException (cognito-local answers InvalidPasswordException).
    if (name === 'NotAuthorizedException' || name === 'UserNotFoundException' || name === 'InvalidPasswordException') throw new MigrationRefused(INCORRECT, 'wrong password');
    if (name === 'PasswordResetRequiredException') throw new MigrationRefused('Password reset required for the user', 'password reset required in the old pool');
    if (name === 'UserNotConfirmedException') throw new MigrationRefused('User is not confirmed.', 'not confirmed in the old pool');
    throw error;
  }
  if (result.ChallengeName) {
    throw new MigrationRefused(`The user could not be migrated at sign-in (the old pool asks for ${result.ChallengeName}).`,
      `the old pool answered with the challenge ${result.ChallengeName}`);
  }
}

/**
 * The attributes of the new user: every attribute of the old one but those Cognito sets itself
 * (`sub`, `identities`), renamed by the mapping (an old name mapped to `''` is dropped).
 */
export function mapAttributes(attributes: AttributeType[], mapping: { readonly [source: string]: string }): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const { Name: name, Value: value } of attributes) {
    if (name === undefined || value === undefined || NOT_COPIED.has(name)) continue;
    const target = mapping[name] ?? name;
    if (target === '') continue;
    out[target] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// after-migration: memberships and links

/** Attempts to find the new user (Cognito creates it right after the trigger answered). */
const WAIT_ATTEMPTS = 10;
const WAIT_MS = 500;

async function afterMigration(command: AfterMigrationCommand, deps: MigrationDeps): Promise<{ groups: string[]; linked: string[] }> {
  const { cognito, config, log } = deps;
  const target = command.targetUserPoolId;
  const who = loggableUsername(command.targetUsername);
  // The user the new pool created; absent after all attempts: the Lambda's async retries come back.
  for (let attempt = 1; ; attempt++) {
    try {
      await cognito.send('UserRead', new AdminGetUserCommand({ UserPoolId: target, Username: command.targetUsername }));
      break;
    } catch (error) {
      if (!isNotFound(error) || attempt === WAIT_ATTEMPTS) throw error;
      await deps.clock.sleep(WAIT_MS);
    }
  }
  const wanted = new Set(config.groups);
  const groups: string[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send('UserList', new AdminListGroupsForUserCommand({
      UserPoolId: config.sourceUserPoolId, Username: command.sourceUsername, NextToken: token,
    }));
    for (const g of page.Groups ?? []) if (g.GroupName && wanted.has(g.GroupName)) groups.push(g.GroupName);
    token = page.NextToken;
  } while (token);
  for (const group of groups.sort()) {
    // Adding a member twice is no error: a retried follow-up converges.
    await cognito.send('UserUpdate', new AdminAddUserToGroupCommand({ UserPoolId: target, Username: command.targetUsername, GroupName: group }));
  }
  const linked = await relink(deps, command);
  log.info(`After the migration of ${who}: groups [${groups.join(', ')}], linked providers [${linked.join(', ')}]`);
  return { groups, linked };
}

/**
 * Links the federated identities the old user had (its `identities` attribute) to the new user,
 * for each provider the new pool has under the same name. A provider the new pool lacks is left
 * out (its users sign in there as new federated users).
 */
async function relink(deps: MigrationDeps, command: AfterMigrationCommand): Promise<string[]> {
  const { cognito, config, log } = deps;
  const old = await cognito.send('UserRead', new AdminGetUserCommand({ UserPoolId: config.sourceUserPoolId, Username: command.sourceUsername }));
  const identities = parseIdentities(old.UserAttributes?.find((a) => a.Name === 'identities')?.Value);
  const linked: string[] = [];
  for (const identity of identities) {
    try {
      await cognito.send('UserPoolResourceRead', new DescribeIdentityProviderCommand({ UserPoolId: command.targetUserPoolId, ProviderName: identity.providerName }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      log.info(`Provider ${identity.providerName} is not in the new pool: not linked`);
      continue;
    }
    try {
      await cognito.send('UserUpdate', new AdminLinkProviderForUserCommand({
        UserPoolId: command.targetUserPoolId,
        DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: command.targetUsername },
        SourceUser: { ProviderName: identity.providerName, ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: identity.userId },
      }));
    } catch (error) {
      // Linked by an earlier attempt of this follow-up (its answer lost): done.
      if (!/already linked/i.test(String((error as Error)?.message))) throw error;
    }
    linked.push(identity.providerName);
  }
  return linked;
}

/** The `identities` attribute: a JSON list of `{ providerName, userId, ... }`. */
export function parseIdentities(value: string | undefined): Array<{ providerName: string; userId: string }> {
  if (!value) return [];
  try {
    const list = JSON.parse(value) as Array<{ providerName?: unknown; userId?: unknown }>;
    return Array.isArray(list)
      ? list.filter((i) => typeof i?.providerName === 'string' && typeof i?.userId === 'string') as Array<{ providerName: string; userId: string }>
      : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// export: the users left, as the import CSV

export interface ExportResult {
  readonly bucket: string;
  readonly csvKey: string;
  readonly groupsKey: string;
  /** Rows written. */
  readonly exported: number;
  /** Users not written, by reason. */
  readonly skipped: { alreadyMigrated: number; federated: number; disabled: number; unverified: number };
}

/** The memberships file: for each copied group, the new usernames of its members. */
export interface MembershipsFile {
  readonly groups: Array<{ readonly name: string; readonly usernames: string[] }>;
}

async function exportUsers(command: ExportCommand, deps: MigrationDeps): Promise<ExportResult> {
  const { cognito, config, log } = deps;
  if (!config.exportBucket) throw new Error('This migration has no export bucket');
  const prefix = command.prefix ?? `exports/${new Date(deps.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
  // The function may write under exports/ only.
  if (!/^exports\/[\w.-]+(\/[\w.-]+)*$/.test(prefix)) throw new Error(`prefix ${JSON.stringify(prefix)}: expected a folder under exports/, e.g. exports/final`);
  const target = await cognito.send('UserPoolRead', new DescribeUserPoolCommand({ UserPoolId: command.targetUserPoolId }));
  const usernameAttributes: string[] = target.UserPool?.UsernameAttributes ?? [];
  // The names users already have in the new pool (migrated at sign-in, or imported before).
  const existing = new Set<string>();
  for await (const user of listUsers(cognito, command.targetUserPoolId)) {
    existing.add(user.Username!);
    for (const a of user.Attributes ?? []) if (usernameAttributes.includes(a.Name!)) existing.add(a.Value!);
  }
  const skipped = { alreadyMigrated: 0, federated: 0, disabled: 0, unverified: 0 };
  const rows: Array<{ name: string; attributes: { [name: string]: string } }> = [];
  const newNameOf = new Map<string, string>();
  for await (const user of listUsers(cognito, config.sourceUserPoolId)) {
    const attributes = mapAttributes(user.Attributes ?? [], config.attributeMapping);
    const name = targetUsername(user.Username!, attributes, usernameAttributes);
    if (user.UserStatus === 'EXTERNAL_PROVIDER') { skipped.federated++; continue; }
    newNameOf.set(user.Username!, name);
    if (existing.has(name)) { skipped.alreadyMigrated++; continue; }
    if (user.Enabled === false) { skipped.disabled++; continue; }
    if (attributes.email_verified !== 'true' && attributes.phone_number_verified !== 'true') { skipped.unverified++; continue; }
    rows.push({ name, attributes });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name));
  const custom = [...new Set(rows.flatMap((r) => Object.keys(r.attributes).filter((n) => n.startsWith('custom:'))))].sort();
  const header = [...STANDARD_IMPORT_COLUMNS, ...custom];
  const lines = [header.join(','), ...rows.map((r) => header.map((column) => {
    if (column === 'cognito:username') return csvField(r.name);
    // MFA settings are not carried over: users set up their second factor again.
    if (column === 'cognito:mfa_enabled') return 'false';
    return csvField(r.attributes[column] ?? '');
  }).join(','))];

  const memberships: MembershipsFile = { groups: [] };
  for (const group of [...config.groups].sort()) {
    const usernames: string[] = [];
    let token: string | undefined;
    do {
      const page = await cognito.send('UserList', new ListUsersInGroupCommand({ UserPoolId: config.sourceUserPoolId, GroupName: group, NextToken: token }));
      for (const u of page.Users ?? []) {
        const name = newNameOf.get(u.Username!);
        if (name !== undefined) usernames.push(name);
      }
      token = page.NextToken;
    } while (token);
    memberships.groups.push({ name: group, usernames: usernames.sort() });
  }


  const csvKey = `${prefix}/users.csv`;
  const groupsKey = `${prefix}/groups.json`;
  await deps.putObject(config.exportBucket, csvKey, lines.join('\n') + '\n', 'text/csv');
  await deps.putObject(config.exportBucket, groupsKey, JSON.stringify(memberships, undefined, 2) + '\n', 'application/json');
  const result = { bucket: config.exportBucket, csvKey, groupsKey, exported: rows.length, skipped };
  metric(deps, 'ExportedUsers', rows.length, {});
  log.info('Export written', result);
  return result;
}

/** The user's name in the new pool: its username attribute's value where the pool signs in with one. */
export function targetUsername(username: string, attributes: { [name: string]: string }, usernameAttributes: string[]): string {
  for (const a of usernameAttributes) if (attributes[a]) return attributes[a];
  return username;
}

async function* listUsers(cognito: CognitoApi, userPoolId: string): AsyncGenerator<UserType> {
  let token: string | undefined;
  do {
    const page = await cognito.send('UserList', new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token, Limit: 60 }));
    yield* page.Users ?? [];
    token = page.PaginationToken;
  } while (token);
}

// ---------------------------------------------------------------------------------------------
// progress

async function progress(command: ProgressCommand, deps: MigrationDeps): Promise<{ source: number; target: number; remaining: number }> {
  const count = async (id: string) =>
    (await deps.cognito.send('UserPoolRead', new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.EstimatedNumberOfUsers ?? 0;
  const source = await count(deps.config.sourceUserPoolId);
  const target = await count(command.targetUserPoolId);
  const remaining = Math.max(0, source - target);
  emf(deps, { SourcePoolUsers: source, TargetPoolUsers: target, RemainingUsers: remaining }, {});
  return { source, target, remaining };
}

// ---------------------------------------------------------------------------------------------
// metrics (CloudWatch embedded metric format)

function metric(deps: MigrationDeps, name: string, value: number, properties: { [key: string]: string }): void {
  emf(deps, { [name]: value }, properties);
}

function emf(deps: MigrationDeps, values: { [name: string]: number }, properties: { [key: string]: string }): void {
  const { metricNamespace, migrationName } = deps.config;
  deps.emit(emfLine({
    namespace: metricNamespace, dimension: 'Migration', dimensionValue: migrationName, timestamp: deps.clock.now(), values, properties,
  }));
}

// ---------------------------------------------------------------------------------------------

export function readConfig(env: NodeJS.ProcessEnv): MigrationConfig {
  const raw = env[CONFIG_VARIABLE];
  if (!raw) throw new Error(`${CONFIG_VARIABLE} is not set`);
  return JSON.parse(raw) as MigrationConfig;
}

function defaultDeps(trigger: boolean): MigrationDeps {
  const clock = realClock;
  const log = new Logger();
  const budget = new RateBudget(clock, quotaShares(process.env[QUOTA_SHARE_VARIABLE], process.env[QUOTA_CONCURRENCY_VARIABLE]));
  // Cognito waits 5 seconds for a trigger: few, short retries there; the commands have 15 minutes.
  const retry = trigger ? { ...DEFAULT_RETRY, maxAttempts: 3, maxDelayMs: 1000, clock } : { ...DEFAULT_RETRY, clock };
  return {
    cognito: new CognitoApi(createCognitoClient(), budget, retry),
    log,
    clock,
    invokeSelf: async (payload) => {
      await new LambdaClient({}).send(new InvokeCommand({
        FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME, InvocationType: 'Event', Payload: JSON.stringify(payload),
      }));
    },
    putObject: async (bucket, key, body, contentType) => {
      await new S3Client({}).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    emit: (line) => console.log(line),
    config: readConfig(process.env),
  };
}
