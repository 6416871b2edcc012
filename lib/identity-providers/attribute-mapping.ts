import * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * How the attributes an identity provider returns map onto user pool attributes.
 *
 * Everything aws-cdk-lib's `AttributeMapping` offers, plus the keys it lacks
 * (`phone_number_verified`, `username`). Values are provider attributes: the constants of
 * `GoogleAttribute`, `FacebookAttribute`, `AmazonAttribute`, `AppleAttribute`,
 * `OidcAttribute` and `SamlAttribute`, or `OidcAttribute.of(name)` / `SamlAttribute.of(name)`
 * for any other claim.
 */
export interface AttributeMapping extends cognito.AttributeMapping {
  /**
   * The user pool `phone_number_verified` attribute.
   * @default - not mapped
   */
  readonly phoneNumberVerified?: cognito.ProviderAttribute;

  /**
   * The user pool `username`: the provider attribute that identifies the user at the provider.
   * Cognito maps it by itself (`sub` for OIDC, Google and Apple, `id` for Facebook,
   * `user_id` for Amazon); set it to make that explicit and avoid drift.
   * @default - Cognito's own choice for the provider type
   */
  readonly username?: cognito.ProviderAttribute;
}

/** Attributes Google returns, for `AttributeMapping`. */
export class GoogleAttribute {
  /** The user's email address. */
  public static readonly EMAIL = cognito.ProviderAttribute.GOOGLE_EMAIL;
  /** Whether Google has verified the email address. */
  public static readonly EMAIL_VERIFIED = cognito.ProviderAttribute.GOOGLE_EMAIL_VERIFIED;
  /** The user's full name. */
  public static readonly NAME = cognito.ProviderAttribute.GOOGLE_NAME;
  /** The user's given name. */
  public static readonly GIVEN_NAME = cognito.ProviderAttribute.GOOGLE_GIVEN_NAME;
  /** The user's family name. */
  public static readonly FAMILY_NAME = cognito.ProviderAttribute.GOOGLE_FAMILY_NAME;
  /** The URL of the user's picture. */
  public static readonly PICTURE = cognito.ProviderAttribute.GOOGLE_PICTURE;
  /** The user's names (People API). */
  public static readonly NAMES = cognito.ProviderAttribute.GOOGLE_NAMES;
  /** The user's gender (People API). */
  public static readonly GENDER = cognito.ProviderAttribute.GOOGLE_GENDER;
  /** The user's birthdays (People API). */
  public static readonly BIRTHDAYS = cognito.ProviderAttribute.GOOGLE_BIRTHDAYS;
  /** The user's phone numbers (People API). */
  public static readonly PHONE_NUMBERS = cognito.ProviderAttribute.GOOGLE_PHONE_NUMBERS;
  /** The user's Google id. */
  public static readonly SUB = cognito.ProviderAttribute.other('sub');

  private constructor() {}
}

/** Attributes Facebook returns, for `AttributeMapping`. */
export class FacebookAttribute {
  /** The user's Facebook id. */
  public static readonly ID = cognito.ProviderAttribute.FACEBOOK_ID;
  /** The user's email address. */
  public static readonly EMAIL = cognito.ProviderAttribute.FACEBOOK_EMAIL;
  /** The user's full name. */
  public static readonly NAME = cognito.ProviderAttribute.FACEBOOK_NAME;
  /** The user's first name. */
  public static readonly FIRST_NAME = cognito.ProviderAttribute.FACEBOOK_FIRST_NAME;
  /** The user's last name. */
  public static readonly LAST_NAME = cognito.ProviderAttribute.FACEBOOK_LAST_NAME;
  /** The user's middle name. */
  public static readonly MIDDLE_NAME = cognito.ProviderAttribute.FACEBOOK_MIDDLE_NAME;
  /** The user's birthday. */
  public static readonly BIRTHDAY = cognito.ProviderAttribute.FACEBOOK_BIRTHDAY;
  /** The user's gender. */
  public static readonly GENDER = cognito.ProviderAttribute.FACEBOOK_GENDER;
  /** The user's locale. */
  public static readonly LOCALE = cognito.ProviderAttribute.FACEBOOK_LOCALE;

  private constructor() {}
}

/** Attributes Login with Amazon returns, for `AttributeMapping`. */
export class AmazonAttribute {
  /** The user's Amazon id. */
  public static readonly USER_ID = cognito.ProviderAttribute.AMAZON_USER_ID;
  /** The user's email address. */
  public static readonly EMAIL = cognito.ProviderAttribute.AMAZON_EMAIL;
  /** The user's name. */
  public static readonly NAME = cognito.ProviderAttribute.AMAZON_NAME;
  /** The user's postal code. */
  public static readonly POSTAL_CODE = cognito.ProviderAttribute.AMAZON_POSTAL_CODE;

  private constructor() {}
}

/** Attributes Sign in with Apple returns, for `AttributeMapping`. */
export class AppleAttribute {
  /** The user's Apple id. */
  public static readonly SUB = cognito.ProviderAttribute.other('sub');
  /** The user's email address (possibly a private relay address). */
  public static readonly EMAIL = cognito.ProviderAttribute.APPLE_EMAIL;
  /** Whether Apple has verified the email address. */
  public static readonly EMAIL_VERIFIED = cognito.ProviderAttribute.APPLE_EMAIL_VERIFIED;
  /** The user's name. */
  public static readonly NAME = cognito.ProviderAttribute.APPLE_NAME;
  /** The user's first name. */
  public static readonly FIRST_NAME = cognito.ProviderAttribute.APPLE_FIRST_NAME;
  /** The user's last name. */
  public static readonly LAST_NAME = cognito.ProviderAttribute.APPLE_LAST_NAME;

  private constructor() {}
}

/** Standard claims an OpenID Connect provider returns, for `AttributeMapping`. */
export class OidcAttribute {
  /** The subject: the user's unique, stable id at the provider. */
  public static readonly SUB = cognito.ProviderAttribute.other('sub');
  /** The user's email address. */
  public static readonly EMAIL = cognito.ProviderAttribute.other('email');
  /** Whether the provider has verified the email address. */
  public static readonly EMAIL_VERIFIED = cognito.ProviderAttribute.other('email_verified');
  /** The user's full name. */
  public static readonly NAME = cognito.ProviderAttribute.other('name');
  /** The user's given (first) name. */
  public static readonly GIVEN_NAME = cognito.ProviderAttribute.other('given_name');
  /** The user's family (last) name. */
  public static readonly FAMILY_NAME = cognito.ProviderAttribute.other('family_name');
  /** The user's middle name. */
  public static readonly MIDDLE_NAME = cognito.ProviderAttribute.other('middle_name');
  /** The user's casual name. */
  public static readonly NICKNAME = cognito.ProviderAttribute.other('nickname');
  /** The name the user wants to be known by. */
  public static readonly PREFERRED_USERNAME = cognito.ProviderAttribute.other('preferred_username');
  /** The user's phone number. */
  public static readonly PHONE_NUMBER = cognito.ProviderAttribute.other('phone_number');
  /** Whether the provider has verified the phone number. */
  public static readonly PHONE_NUMBER_VERIFIED = cognito.ProviderAttribute.other('phone_number_verified');
  /** The URL of the user's profile picture. */
  public static readonly PICTURE = cognito.ProviderAttribute.other('picture');
  /** The URL of the user's profile page. */
  public static readonly PROFILE = cognito.ProviderAttribute.other('profile');
  /** The user's web site. */
  public static readonly WEBSITE = cognito.ProviderAttribute.other('website');
  /** The user's gender. */
  public static readonly GENDER = cognito.ProviderAttribute.other('gender');
  /** The user's birthday. */
  public static readonly BIRTHDATE = cognito.ProviderAttribute.other('birthdate');
  /** The user's time zone. */
  public static readonly ZONEINFO = cognito.ProviderAttribute.other('zoneinfo');
  /** The user's locale. */
  public static readonly LOCALE = cognito.ProviderAttribute.other('locale');
  /** The user's postal address. */
  public static readonly ADDRESS = cognito.ProviderAttribute.other('address');
  /** When the user's information was last updated. */
  public static readonly UPDATED_AT = cognito.ProviderAttribute.other('updated_at');

  /** Any other claim, by name. */
  public static of(claimName: string): cognito.ProviderAttribute {
    return cognito.ProviderAttribute.other(claimName);
  }

  private constructor() {}
}

/** Common SAML assertion attribute names (the WS-Federation claim URIs most IdPs send). */
export class SamlAttribute {
  /** The user's email address. */
  public static readonly EMAIL_ADDRESS = cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress');
  /** The user's given name. */
  public static readonly GIVEN_NAME = cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname');
  /** The user's surname. */
  public static readonly SURNAME = cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname');
  /** The user's display name. */
  public static readonly NAME = cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name');
  /** The user's unique name identifier at the IdP. */
  public static readonly NAME_IDENTIFIER = cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier');
  /** The user's user principal name. */
  public static readonly UPN = cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn');
  /** The user's mobile phone number. */
  public static readonly MOBILE_PHONE = cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/mobilephone');

  /** Any other assertion attribute, by name. */
  public static of(attributeName: string): cognito.ProviderAttribute {
    return cognito.ProviderAttribute.other(attributeName);
  }

  private constructor() {}
}
