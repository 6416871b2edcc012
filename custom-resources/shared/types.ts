/**
 * The contract between the router (../index.ts) and the resource modules.
 *
 * A resource module owns one CloudFormation resource type (`Custom::Cognito<Thing>`): it parses
 * the raw properties into a typed shape, and implements create, update (a diff of old vs new
 * properties that makes only the calls the change needs) and an idempotent delete.
 */
import type { CognitoApi } from './cognito';
import type { Logger } from './log';
import type { SecretsApi } from './secrets';

/** Raw custom-resource properties as CloudFormation delivers them: scalars arrive as strings. */
export type RawProperties = { [key: string]: unknown };

/** The event the provider framework passes to its onEvent handler. */
export interface OnEventRequest {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceType: string;
  readonly LogicalResourceId?: string;
  readonly RequestId?: string;
  readonly StackId?: string;
  readonly ResponseURL?: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: RawProperties;
  readonly OldResourceProperties?: RawProperties;
}

/** What onEvent returns to the provider framework. */
export interface OnEventResponse {
  readonly PhysicalResourceId?: string;
  /** Attributes readable with `Fn::GetAtt`; the router refuses more than 4 KB. */
  readonly Data?: { [key: string]: string };
}

/** What a module returns from create and update. */
export interface ResourceResult {
  /** The physical id; a different id on update means replacement (CloudFormation deletes the old one). */
  readonly physicalId: string;
  readonly data?: { [key: string]: string };
}

/** Everything a module needs to talk to AWS, shared by the calls of one invocation. */
export interface HandlerContext {
  /** Cognito with per-category rate budgets and throttling-aware retry. */
  readonly cognito: CognitoApi;
  /** Secrets Manager reads (values are never logged). */
  readonly secrets: SecretsApi;
  /** Structured logging with secrets redacted. */
  readonly log: Logger;
  /** The CloudFormation resource the event is about; set by the router for each event. */
  readonly resource?: ResourceIdentity;
}

/** Which CloudFormation resource an event is about: stable across the requests of one resource. */
export interface ResourceIdentity {
  readonly stackId: string;
  readonly logicalResourceId: string;
  /** Unique per CloudFormation request; a re-invoked request repeats it. */
  readonly requestId: string;
}

/**
 * One module per resource type. `P` is the typed, parsed properties shape.
 *
 * New properties (`ResourceProperties` of Create and Update) are parsed strictly with `parse`.
 * Old properties (`OldResourceProperties`: a rollback's rejected ones, an older library
 * version's) and a Delete's properties are parsed leniently with `parseOld` (or `parse` where
 * a module has none); if that throws too, the module receives `undefined` and must work from
 * the live state or the physical id: an Update or a Delete never fails on such properties.
 */
export interface ResourceModule<P> {
  /** The CloudFormation resource type this module owns, e.g. `Custom::CognitoUser`. */
  readonly resourceType: string;
  /**
   * Parses new raw properties (string booleans and numbers included) strictly: an unknown or
   * malformed property throws an error naming it.
   */
  parse(raw: RawProperties): P;
  /**
   * Parses old properties leniently: unknown names are ignored; throws only where a value the
   * module needs is unusable (the router then passes `undefined`).
   */
  parseOld?(raw: RawProperties): P;
  onCreate(props: P, ctx: HandlerContext): Promise<ResourceResult>;
  /**
   * Computes the change map from `oldProps` to `props` and makes only the calls it needs.
   * `oldProps` is undefined when the old properties are unusable: the previous state is unknown,
   * so converge to `props` from the live state (or apply the whole declaration where the API
   * call sets everything at once).
   */
  onUpdate(props: P, oldProps: P | undefined, physicalId: string, ctx: HandlerContext): Promise<ResourceResult>;
  /**
   * Must be idempotent: a resource that is already gone is a success. `props` is undefined when
   * the properties are unusable: delete by what the physical id says.
   */
  onDelete(props: P | undefined, physicalId: string, ctx: HandlerContext): Promise<void>;
}
