import { Resource, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { allConstructs, sameResource } from './private/pool-facts';
import { checkLength, checkUrl, fail } from './private/validation';
import { AN_IUSER_POOL, AN_IUSER_POOL_CLIENT, anObject, checkEnumMember, enumOf, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** The kind of terms document. */
export enum TermsType {
  /** Terms of use. */
  TERMS_OF_USE = 'terms-of-use',
  /** Privacy policy. */
  PRIVACY_POLICY = 'privacy-policy',
}

/** How Cognito enforces the terms (reserved by Cognito: only NONE today). */
export enum TermsEnforcement {
  /** Links shown on the sign-up page, no acceptance recorded. */
  NONE = 'NONE',
}

/** The language keys Cognito accepts in `links`. */
const LANGUAGES = [
  'cognito:default', 'cognito:english', 'cognito:french', 'cognito:spanish', 'cognito:german',
  'cognito:bahasa-indonesia', 'cognito:italian', 'cognito:japanese', 'cognito:korean',
  'cognito:portuguese-brazil', 'cognito:chinese-simplified', 'cognito:chinese-traditional',
];

/** Options of a {@link Terms}, for `pool.addTerms(id, options)`. */
export interface TermsOptions {
  /** The app client whose managed login sign-up page shows the links. */
  readonly client: cognito.IUserPoolClient;
  /** Terms of use or privacy policy. */
  readonly termsType: TermsType;
  /**
   * The https URL of the document per language: `cognito:default` (the fallback),
   * `cognito:english`, `cognito:french`, `cognito:spanish`, `cognito:german`,
   * `cognito:bahasa-indonesia`, `cognito:italian`, `cognito:japanese`, `cognito:korean`,
   * `cognito:portuguese-brazil`, `cognito:chinese-simplified`, `cognito:chinese-traditional`.
   */
  readonly links: { [language: string]: string };
  /**
   * Enforcement.
   * @default TermsEnforcement.NONE
   */
  readonly enforcement?: TermsEnforcement;
}

/** Properties of a {@link Terms}. */
export interface TermsProps extends TermsOptions {
  /** The user pool. */
  readonly userPool: cognito.IUserPool;
}

/**
 * A terms-of-use or privacy-policy document linked from the managed login sign-up page of an
 * app client (`AWS::Cognito::Terms`). Cognito shows the links once a client has both types;
 * one document of each type per client.
 */
export class Terms extends Resource {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.Terms';
  /** The user pool. */
  public readonly userPool: cognito.IUserPool;
  /** The app client. */
  public readonly client: cognito.IUserPoolClient;
  /** The kind of document. */
  public readonly termsType: TermsType;
  /** The ID of the terms document. */
  public readonly termsId: string;

  constructor(scope: Construct, id: string, props: TermsProps) {
    props = applyPropertyInjectors(scope, id, props, Terms.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, {
      userPool: AN_IUSER_POOL,
      client: AN_IUSER_POOL_CLIENT,
      termsType: enumOf(TermsType, 'TermsType'),
      links: anObject('a map of language to https URL, e.g. { "cognito:default": "https://example.com/terms" }'),
    });
    checkEnumMember(this, 'enforcement', props.enforcement, TermsEnforcement, 'TermsEnforcement');
    this.userPool = props.userPool;
    this.client = props.client;
    this.termsType = props.termsType;
    this.validateLinks(props.links);
    this.refuseSecondOfSameType();

    const resource = new cognito.CfnTerms(this, 'Resource', {
      userPoolId: props.userPool.userPoolId,
      clientId: props.client.userPoolClientId,
      termsName: props.termsType,
      termsSource: 'LINK',
      enforcement: props.enforcement ?? TermsEnforcement.NONE,
      links: props.links,
    });
    this.node.defaultChild = resource;
    this.termsId = resource.attrTermsId;
  }

  private validateLinks(links: { [language: string]: string }): void {
    if (Token.isUnresolved(links)) return;
    const keys = Object.keys(links);
    if (keys.length < 1 || keys.length > LANGUAGES.length) {
      fail(this, 'links', `${keys.length} entries`, `1 to ${LANGUAGES.length} languages`);
    }
    for (const language of keys) {
      if (!LANGUAGES.includes(language)) {
        fail(this, 'links', language, `language keys among ${LANGUAGES.join(', ')}`);
      }
      checkLength(this, `links.${language}`, links[language], 1, 1024);
      checkUrl(this, `links.${language}`, links[language], { httpsOnly: true });
    }
  }

  private refuseSecondOfSameType(): void {
    const clientId = this.client.userPoolClientId;
    const other = allConstructs(this).find((c) => c !== this && c instanceof Terms && c.termsType === this.termsType
      && sameResource(c.client, c.client.userPoolClientId, this.client, clientId));
    if (other) {
      fail(this, 'termsType', this.termsType, `one ${this.termsType} document per app client (${other.node.path} already defines it)`);
    }
  }
}
