import { CfnResource, CustomResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DEFAULT_STACK_QUOTA_SHARE, QUOTA_CONCURRENCY_VARIABLE, QUOTA_RATES, QUOTA_SHARE_VARIABLE, QuotaCategory } from './quota-rates';

export { QUOTA_RATES };
export type { QuotaCategory };

export const ALL_CATEGORIES = Object.keys(QUOTA_RATES) as QuotaCategory[];

/** The context key of the stack's share of each quota category. */
export const QUOTA_SHARE_CONTEXT = 'cdk-cognito-userpools:quotaShare';

// The default share and the handler's variables are declared with the rates (the handler reads them too).
export { DEFAULT_STACK_QUOTA_SHARE, QUOTA_CONCURRENCY_VARIABLE, QUOTA_SHARE_VARIABLE };

/**
 * The categories each resource type's handler spends (custom-resources/<type>/; a test
 * compares this table with the handlers' code). A type missing here counts in every category.
 * The user types list the whole user family, reads included, so that a handler that adds a
 * read does not overspend.
 */
// The pool read and resource update: the owner-record attribute, looked up (and added once) per invocation.
const USER_FAMILY: QuotaCategory[] = [
  'UserCreation', 'UserUpdate', 'UserAccountRecovery', 'UserRead', 'UserList', 'SecretsManager', 'UserPoolRead', 'UserPoolResourceUpdate',
];
export const CATEGORIES_BY_TYPE: { readonly [resourceType: string]: readonly QuotaCategory[] } = {
  'Custom::CognitoUser': USER_FAMILY,
  'Custom::CognitoUsers': USER_FAMILY,
  'Custom::CognitoGroupMembership': ['UserUpdate', 'UserRead', 'UserList'],
  'Custom::CognitoCustomAttributes': ['UserPoolRead', 'UserPoolResourceUpdate'],
  'Custom::CognitoClientSecretRotation': ['UserPoolClientRead', 'UserPoolClientUpdate', 'SecretsManager'],
  'Custom::CognitoUserPoolMfa': ['UserPoolRead', 'UserPoolResourceUpdate'],
  'Custom::CognitoUserPoolSessionConfiguration': ['UserPoolRead', 'UserPoolUpdate', 'UserPoolClientUpdate'],
  'Custom::CognitoClientSessionConfiguration': ['UserPoolClientRead', 'UserPoolClientUpdate', 'UserPoolUpdate'],
  'Custom::CognitoSigningCertificate': ['UserPoolResourceRead'],
  'Custom::CognitoProvisionedLimit': ['UserPoolRead', 'UserPoolUpdate'],
  // UserRead: rows of an updated file are looked up in the pool before a job is started.
  'Custom::CognitoUserImportJob': ['UserPoolResourceRead', 'UserPoolResourceUpdate', 'UserRead', 'SecretsManager'],
  'Custom::CognitoHostedUiLogo': ['UserPoolResourceRead', 'UserPoolResourceUpdate'],
  'Custom::CognitoImmutableSettingsGuard': [],
  'Custom::CognitoUserPoolTriggers': ['UserPoolRead', 'UserPoolUpdate'],
};

export function categoriesOf(resourceType: string): readonly QuotaCategory[] {
  return CATEGORIES_BY_TYPE[resourceType] ?? ALL_CATEGORIES;
}

/** One custom resource of the provider, as the partition sees it. */
export interface QuotaMember {
  readonly resource: CustomResource;
  readonly categories: readonly QuotaCategory[];
  /** The properties as declared (their references to other resources order them). */
  readonly properties: { [key: string]: unknown };
}

/**
 * How many of `members` that spend each category may run at once: the largest set of them no
 * two of which are ordered by a dependency (an explicit `node.addDependency` on them or an
 * ancestor, or a reference in their properties). Dependencies through other resources are not
 * followed, which only overcounts (a smaller, safe share). `'*'` is the count over all members
 * that spend anything.
 */
export function concurrentResources(members: readonly QuotaMember[]): { [category: string]: number } {
  const before = orderRelation(members);
  const widths: { [category: string]: number } = {};
  const spending = members.map((_, i) => i).filter((i) => members[i].categories.length > 0);
  if (spending.length > 0) widths['*'] = width(spending, before);
  for (const category of ALL_CATEGORIES) {
    const users = spending.filter((i) => members[i].categories.includes(category));
    if (users.length > 0) widths[category] = width(users, before);
  }
  return widths;
}

/** `before[i]` holds every j that must finish before i starts (transitively). */
function orderRelation(members: readonly QuotaMember[]): Set<number>[] {
  const stack = members.length > 0 ? Stack.of(members[0].resource) : undefined;
  const logicalIds = new Map<string, number>();
  members.forEach((m, i) => logicalIds.set(stack!.getLogicalId(m.resource.node.defaultChild as CfnResource), i));
  const within = (target: IConstruct): number[] => {
    const prefix = `${target.node.path}/`;
    return members.map((_, i) => i).filter((i) => {
      const p = members[i].resource.node.path;
      // The target holds the resource, or is part of it (its CfnResource).
      return target.node.path === '' || p === target.node.path || p.startsWith(prefix) || target.node.path.startsWith(`${p}/`);
    });
  };
  const direct = members.map((m) => {
    const deps = new Set<number>();
    for (const scope of m.resource.node.scopes) for (const target of scope.node.dependencies) within(target).forEach((j) => deps.add(j));
    for (const target of (m.resource.node.defaultChild as CfnResource).obtainDependencies()) {
      if (!Stack.isStack(target)) within(target).forEach((j) => deps.add(j));
    }
    collectReferences(stack!.resolve(m.properties), logicalIds, deps);
    return deps;
  });
  // Transitive closure by depth-first search from each member.
  return direct.map((_, i) => {
    const seen = new Set<number>();
    const pending = [...direct[i]];
    while (pending.length > 0) {
      const j = pending.pop()!;
      if (seen.has(j) || j === i) continue;
      seen.add(j);
      pending.push(...direct[j]);
    }
    return seen;
  });
}

function collectReferences(value: unknown, logicalIds: Map<string, number>, into: Set<number>): void {
  if (Array.isArray(value)) {
    value.forEach((v) => collectReferences(v, logicalIds, into));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string' && logicalIds.has(v)) into.add(logicalIds.get(v)!);
      if (key === 'Fn::GetAtt' && Array.isArray(v) && logicalIds.has(v[0])) into.add(logicalIds.get(v[0])!);
      collectReferences(v, logicalIds, into);
    }
  }
}

/**
 * The size of the largest antichain among `nodes` (Dilworth: the nodes less a maximum
 * matching between predecessors and successors in the transitive order).
 */
function width(nodes: number[], before: Set<number>[]): number {
  const matchedTo = new Map<number, number>();
  const tryMatch = (i: number, visited: Set<number>): boolean => {
    for (const j of nodes) {
      if (!before[i].has(j) || visited.has(j)) continue;
      visited.add(j);
      const owner = matchedTo.get(j);
      if (owner === undefined || tryMatch(owner, visited)) {
        matchedTo.set(j, i);
        return true;
      }
    }
    return false;
  };
  let matching = 0;
  for (const i of nodes) if (tryMatch(i, new Set())) matching++;
  return nodes.length - matching;
}

/** Calls a handler makes per quota category for some piece of work. */
export type CallEstimate = Partial<Record<QuotaCategory, number>>;

/**
 * Seconds the calls take at the given shares of the rates: the slowest category, as the
 * categories have separate budgets and the handler works on several users at once.
 */
export function estimateSeconds(calls: CallEstimate, shareOf: (category: QuotaCategory) => number): number {
  let seconds = 0;
  for (const [category, count] of Object.entries(calls) as [QuotaCategory, number][]) {
    if (count > 0) seconds = Math.max(seconds, count / (QUOTA_RATES[category] * shareOf(category)));
  }
  return seconds;
}

/**
 * Most seconds of estimated work one invocation may hold: the handler's 14 minutes less a
 * margin of 4 for what the estimate leaves out (call latency, throttling retries when live
 * traffic takes more than its share, cold start, reads).
 */
export const MAX_WORK_SECONDS = 600;

/** What the estimate needs from the stack's provider. */
export interface QuotaShareSource {
  readonly stackQuotaShare: number;
  concurrentResources(): { [category: string]: number };
}

/**
 * Refuses at synth (as a validation of `scope`, once the whole stack is known) work that would
 * not finish within {@link MAX_WORK_SECONDS} at the resource's share of each quota.
 *
 * @param property the property the work comes from, for the message
 * @param what describes the work, e.g. "the Create of 2500 users (and the deletes of its cleanup)"
 * @param advice what to do instead
 */
export function refuseWorkPastTimeout(scope: IConstruct, provider: QuotaShareSource, property: string, what: string, calls: CallEstimate, advice: string): void {
  scope.node.addValidation({
    validate: () => {
      const widths = provider.concurrentResources();
      const countOf = (category: QuotaCategory) => Math.max(1, widths[category] ?? widths['*'] ?? 1);
      const shareOf = (category: QuotaCategory) => provider.stackQuotaShare / countOf(category);
      const seconds = estimateSeconds(calls, shareOf);
      if (seconds <= MAX_WORK_SECONDS) return [];
      const slowest = (Object.keys(calls) as QuotaCategory[])
        .filter((c) => (calls[c] ?? 0) > 0)
        .reduce((a, b) => (calls[a]! / (QUOTA_RATES[a] * shareOf(a)) >= calls[b]! / (QUOTA_RATES[b] * shareOf(b)) ? a : b));
      const rate = QUOTA_RATES[slowest] * shareOf(slowest);
      const stackShare = `${percent(provider.stackQuotaShare)} of Cognito's default ${QUOTA_RATES[slowest]}/s`;
      const among = countOf(slowest) > 1 ? `, divided among the ${countOf(slowest)} resources of the stack that spend it and may run at once` : '';
      return [
        `${property}: received ${what}: an estimated ${calls[slowest]} ${slowest} calls at ${round(rate)} a second `
        + `(the stack's ${stackShare}${among}) take ${round(seconds)} s; `
        + `allowed: work that takes at most ${MAX_WORK_SECONDS} s (the handler times out after 14 minutes). ${advice}`,
      ];
    },
  });
}

function percent(share: number): string {
  return `${round(share * 100)}%`;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
