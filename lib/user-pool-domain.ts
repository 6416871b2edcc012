import { AspectPriority, Aspects, CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct, IConstruct } from 'constructs';
import { usesAwsCdkLibDefaults } from './private/compat';
import { DefaultBrandingAspect } from './private/default-branding';
import { pendingScope } from './private/pending-scope';
import { AN_IUSER_POOL, checkEnumMember, requireProps } from './private/runtime-types';
import { checkLength, checkPattern, fail, isUnresolved } from './private/validation';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * The TLS security policy of a custom domain: the minimum TLS version and the ciphers
 * that its CloudFront distribution accepts from browsers.
 */
export enum DomainSecurityPolicy {
  /** TLS 1.3 only, post-quantum ready: the strictest; for up-to-date clients. */
  TLS_V1_3_2025 = 'TLS_V1_3_2025',
  /** Prefers TLS 1.3, falls back to TLS 1.2: the recommended minimum. */
  TLS_V1_2_2021 = 'TLS_V1_2_2021',
  /** Accepts TLS 1.0 and later: only for very old clients; strongly discouraged. */
  TLS_V1 = 'TLS_V1',
}

/** Failover of a domain to a replica of the user pool in another Region. */
export interface DomainFailover {
  /**
   * The Route 53 health check of the primary Region: while it is unhealthy, the domain
   * routes to `secondaryRegion`.
   */
  readonly primaryHealthCheck: route53.IHealthCheck;

  /** The Region of the pool's replica that takes over, e.g. `us-west-2`. */
  readonly secondaryRegion: string;
}

/** Options of {@link UserPoolDomain.addAliasRecord}. */
export interface DomainAliasRecordOptions {
  /**
   * The record name, relative to the zone or fully qualified.
   *
   * @default - the custom domain name
   */
  readonly recordName?: string;

  /**
   * Also create an AAAA (IPv6) alias record with the same name.
   *
   * @default false
   */
  readonly ipv6?: boolean;
}

/**
 * Options of a {@link UserPoolDomain}: everything aws-cdk-lib's `UserPoolDomainOptions`
 * offers plus the CloudFormation settings it cannot express.
 */
export interface UserPoolDomainOptions extends cognito.UserPoolDomainOptions {
  /**
   * The TLS security policy of a custom domain (`CustomDomainConfig.SecurityPolicy`).
   * Only with `customDomain`.
   *
   * @default - `TLS_V1_2_2021` for a custom domain (none, Cognito's default, when the app sets
   * `AwsCdkLibCompatibility.CONTEXT_KEY`); none for a prefix domain
   */
  readonly securityPolicy?: DomainSecurityPolicy;

  /**
   * Failover to a pool replica in another Region (`Routing.Failover`).
   *
   * @default - no failover
   */
  readonly failover?: DomainFailover;

  /**
   * On a managed-login (version 2) domain, give each app client of the pool that has no
   * `AWS::Cognito::ManagedLoginBranding` a default one with Cognito-provided values, so its
   * sign-in pages work instead of showing "Login pages unavailable".
   *
   * Clients are found when the app is synthesized, in any stack of the app, whether created
   * before or after the domain and by any construct; a client in another stack than the domain
   * gets its branding in its own stack. A client that already has a branding resource in the
   * app is left alone. Set `false` to brand every client yourself.
   * Ignored on a classic hosted-UI (version 1) domain.
   *
   * @default - true; false when the app sets `AwsCdkLibCompatibility.CONTEXT_KEY` (aws-cdk-lib
   * creates no branding)
   */
  readonly defaultBranding?: boolean;
}

/** Properties of a {@link UserPoolDomain}. */
export interface UserPoolDomainProps extends UserPoolDomainOptions {
  /** The user pool the domain serves (aws-cdk-lib's `IUserPoolRef`, as in its props). */
  readonly userPool: cognito.IUserPoolRef;
}

/**
 * The domain that serves a user pool's managed login pages and OAuth endpoints: a prefix
 * domain (`<prefix>.auth.<region>.amazoncognito.com`) or your own domain.
 *
 * Extends aws-cdk-lib's `UserPoolDomain` (so `baseUrl()`, `signInUrl()` and ALB
 * authenticate actions work) and adds: the TLS security policy of custom domains (secure
 * by default), Region failover, a Route 53 alias record helper, the CloudFront target as a
 * `GetAtt` (never a custom resource), default branding for managed login v2, and synth-time
 * validation of the domain name.
 */
export class UserPoolDomain extends cognito.UserPoolDomain {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolDomain';
  private readonly customDomainName?: string;
  private readonly cfnDomain: cognito.CfnUserPoolDomain;
  private readonly awsCdkLibDefaults: boolean;

  constructor(scope: Construct, id: string, props: UserPoolDomainProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolDomain.PROPERTY_INJECTION_ID, cognito.UserPoolDomain.PROPERTY_INJECTION_ID);
    requireProps(pendingScope(scope, id), props, { userPool: AN_IUSER_POOL });
    const awsCdkLibDefaults = usesAwsCdkLibDefaults(scope, id);
    checkEnumMember(pendingScope(scope, id), 'managedLoginVersion', props.managedLoginVersion, cognito.ManagedLoginVersion, 'ManagedLoginVersion');
    checkEnumMember(pendingScope(scope, id), 'securityPolicy', props.securityPolicy, DomainSecurityPolicy, 'DomainSecurityPolicy');
    validateDomainProps(scope, id, props);
    super(scope, id, props);

    this.awsCdkLibDefaults = awsCdkLibDefaults;
    this.customDomainName = props.customDomain?.domainName;
    this.cfnDomain = this.node.defaultChild as cognito.CfnUserPoolDomain;

    if (props.customDomain) {
      this.cfnDomain.customDomainConfig = {
        certificateArn: props.customDomain.certificate.certificateRef.certificateArn,
        // aws-cdk-lib writes no policy (Cognito's default applies).
        securityPolicy: props.securityPolicy ?? (awsCdkLibDefaults ? undefined : DomainSecurityPolicy.TLS_V1_2_2021),
      };
    }
    if (props.failover) {
      this.cfnDomain.routing = {
        failover: {
          primaryRoute53HealthCheckId: props.failover.primaryHealthCheck.healthCheckId,
          secondaryRegion: props.failover.secondaryRegion,
        },
      };
    }
    if (props.managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN && (props.defaultBranding ?? !awsCdkLibDefaults)) {
      Aspects.of(this).add(new DefaultBrandingAspect(this, props.userPool.userPoolRef.userPoolId), { priority: AspectPriority.MUTATING });
    }
  }

  /**
   * The CloudFront distribution that serves the domain, as `Fn::GetAtt CloudFrontDistribution`.
   *
   * aws-cdk-lib's version reads it through a Lambda-backed custom resource; this one does not,
   * so Route 53 targets (`UserPoolDomainTarget`) never create one either.
   *
   * Under aws-cdk-lib's defaults (`AwsCdkLibCompatibility.CONTEXT_KEY`) it is aws-cdk-lib's (a
   * `Custom::UserPoolCloudFrontDomainName` resource), so that a deployed app keeps its template.
   *
   * @deprecated use `cloudFrontEndpoint`, which returns the same value
   */
  public override get cloudFrontDomainName(): string {
    return this.awsCdkLibDefaults ? super.cloudFrontDomainName : this.cloudFrontEndpoint;
  }

  /**
   * Creates a Route 53 alias record that points a custom domain at its CloudFront
   * distribution. Only for custom domains (a prefix domain is Cognito's own name).
   *
   * @param zone the hosted zone that holds the custom domain name
   * @param options the record name and whether to add an IPv6 record
   */
  public addAliasRecord(zone: route53.IHostedZone, options: DomainAliasRecordOptions = {}): route53.ARecord {
    if (this.customDomainName === undefined) {
      fail(this, 'addAliasRecord', 'a prefix domain', 'a custom domain (customDomain)');
    }
    const target = route53.RecordTarget.fromAlias(new targets.UserPoolDomainTarget(this));
    const recordName = options.recordName ?? this.customDomainName;
    if (options.ipv6) {
      new route53.AaaaRecord(this, 'AliasRecordIpv6', { zone, recordName, target });
    }
    return new route53.ARecord(this, 'AliasRecord', { zone, recordName, target });
  }
}

/**
 * CloudFront serves a custom domain, and CloudFront takes certificates from us-east-1 only.
 * The Region is read from a literal ARN, or from the stack of a certificate the app creates.
 */
function checkCertificateRegion(scope: IConstruct, certificate: acm.ICertificateRef | undefined): void {
  if (certificate === undefined) return;
  const arn = certificate.certificateRef.certificateArn;
  let region: string | undefined;
  let shown: string;
  if (!Token.isUnresolved(arn)) {
    region = arn.split(':')[3];
    shown = arn;
  } else {
    if (!(certificate.node.defaultChild instanceof CfnResource) && !(certificate instanceof acm.DnsValidatedCertificate)) return;
    // A DnsValidatedCertificate requests its certificate in its own `region`.
    region = (certificate as unknown as { region?: string }).region ?? Stack.of(certificate).region;
    shown = `${certificate.node.path} (in ${region})`;
  }
  if (region === undefined || Token.isUnresolved(region) || region === CERTIFICATE_REGION) return;
  fail(scope, 'customDomain.certificate', shown, `a certificate in ${CERTIFICATE_REGION} (the custom domain is served by CloudFront, which uses certificates from ${CERTIFICATE_REGION} only)`);
}

const CERTIFICATE_REGION = 'us-east-1';

/** Words Cognito reserves: a prefix domain may not contain them. */
const RESERVED_PREFIX_WORDS = ['aws', 'amazon', 'cognito'];

function validateDomainProps(parent: Construct, id: string, props: UserPoolDomainProps): void {
  const scope = pendingScope(parent, id);
  const prefix = props.cognitoDomain?.domainPrefix;
  checkLength(scope, 'cognitoDomain.domainPrefix', prefix, 1, 63);
  checkPattern(scope, 'cognitoDomain.domainPrefix', prefix, /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    'lowercase letters, numbers and hyphens, not starting or ending with a hyphen');
  if (prefix !== undefined && !isUnresolved(prefix)) {
    const reserved = RESERVED_PREFIX_WORDS.filter((word) => prefix.includes(word));
    if (reserved.length > 0) {
      fail(scope, 'cognitoDomain.domainPrefix', prefix, `a prefix without the reserved words ${RESERVED_PREFIX_WORDS.join(', ')}`);
    }
  }

  const domainName = props.customDomain?.domainName;
  checkLength(scope, 'customDomain.domainName', domainName, 1, 63);
  checkPattern(scope, 'customDomain.domainName', domainName, /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'a fully qualified lowercase domain name such as auth.example.com');

  checkCertificateRegion(scope, props.customDomain?.certificate);

  // Enum membership (securityPolicy, managedLoginVersion) is checked before super() by checkEnumMember.
  if (props.securityPolicy !== undefined && props.customDomain === undefined) {
    fail(scope, 'securityPolicy', props.securityPolicy, 'only with customDomain (a prefix domain uses Cognito\'s policy)');
  }

  const secondaryRegion = props.failover?.secondaryRegion;
  checkPattern(scope, 'failover.secondaryRegion', secondaryRegion, /^[a-z]{2}(?:-[a-z]+)+-\d+$/, 'a Region name such as us-west-2');
  const region = Stack.of(parent).region;
  if (secondaryRegion !== undefined && !isUnresolved(secondaryRegion) && !Token.isUnresolved(region) && secondaryRegion === region) {
    fail(scope, 'failover.secondaryRegion', secondaryRegion, 'a Region other than the stack\'s own');
  }
}
