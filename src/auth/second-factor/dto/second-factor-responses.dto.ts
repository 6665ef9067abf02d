import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Answers of the second-factor routes (issue 17), as documented in /docs-json (issue 14, item 8). */
export class PasskeyResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
}

export class SecondFactorRuleDto {
  @ApiProperty() policy: string;
  @ApiProperty() rule: string;
  @ApiProperty() article: string;
}

export class TotpStatusDto {
  @ApiProperty() enrolled: boolean;
}

export class SessionAuthenticationDto {
  @ApiProperty({ type: [String], description: 'password, totp, recovery, passkey' }) methods: string[];
  @ApiProperty({ nullable: true, type: String }) secondFactorAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'until when a sensitive action needs no new step-up' }) stepUpValidUntil: string | null;
}

export class SecondFactorStatusDto {
  @ApiProperty({ description: 'SECOND_FACTOR_ENFORCEMENT is on' }) enforced: boolean;
  @ApiProperty({ description: 'a rule of policies/second-factor.yaml requires one of me' }) required: boolean;
  @ApiProperty({ type: [SecondFactorRuleDto] }) decidedBy: SecondFactorRuleDto[];
  @ApiProperty({ description: 'required and none yet: only the enrolment routes answer' }) enrolmentRequired: boolean;
  @ApiProperty({ type: TotpStatusDto }) totp: TotpStatusDto;
  @ApiProperty({ type: [PasskeyResponseDto] }) passkeys: PasskeyResponseDto[];
  @ApiProperty() recoveryCodesLeft: number;
  @ApiProperty({ type: SessionAuthenticationDto }) session: SessionAuthenticationDto;
}

export class TotpSetupDto {
  @ApiProperty({ description: 'base32, shown this once' }) secret: string;
  @ApiProperty() otpauthUri: string;
  @ApiProperty({ description: 'the otpauth URI as a PNG data URL' }) qrCode: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'ten codes, shown this once' }) recoveryCodes: string[];
}

export class TotpConfirmedDto {
  @ApiPropertyOptional({ type: [String], description: 'for a first factor: ten recovery codes, shown this once' }) recoveryCodes?: string[];
}

export class WebAuthnOptionsDto {
  @ApiProperty({ description: 'send it back with the response (five minutes, once)' }) challengeId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'WebAuthn options for the browser (@simplewebauthn/browser)' })
  options: object;
}

export class PasskeyRegisteredDto {
  @ApiProperty({ type: PasskeyResponseDto }) passkey: PasskeyResponseDto;
  @ApiPropertyOptional({ type: [String], description: 'for a first factor: ten recovery codes, shown this once' }) recoveryCodes?: string[];
}

export class SecondFactorResetDto {
  @ApiProperty({ description: 'an authenticator app was removed' }) totp: boolean;
  @ApiProperty({ description: 'passkeys removed' }) passkeys: number;
  @ApiProperty({ description: 'recovery codes removed' }) recoveryCodes: number;
}
