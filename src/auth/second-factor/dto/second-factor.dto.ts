import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export class FactorProofDto {
  @ApiPropertyOptional({ description: 'the six-digit code the authenticator app shows now', example: '123456' })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'must be the six digits your app shows' })
  code?: string;

  @ApiPropertyOptional({ description: 'one of the ten recovery codes (each works once)', example: 'ABCD-EFGH-JKMN' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(40)
  recoveryCode?: string;
}

export class SecondSignInStepDto extends FactorProofDto {
  @ApiProperty({ description: 'the pendingToken the password step answered' })
  @IsString()
  @MaxLength(200)
  pendingToken!: string;
}

export class TotpConfirmDto {
  @ApiProperty({ description: 'the six-digit code the app shows now', example: '123456' })
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'must be the six digits your app shows' })
  code!: string;
}

export class PasskeyAssertionDto {
  @ApiProperty({ description: 'the challengeId of the options' })
  @IsUUID()
  challengeId!: string;

  @ApiProperty({ description: 'the AuthenticationResponseJSON from @simplewebauthn/browser startAuthentication', type: 'object', additionalProperties: true })
  @IsObject()
  response!: Record<string, unknown>;
}

export class PasskeyNameDto {
  @ApiProperty({ description: 'a name to tell the passkey apart (1-60 characters)', example: 'Laptop' })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(60)
  name!: string;
}

export class PasskeyRegistrationDto extends PasskeyNameDto {
  @ApiProperty({ description: 'the challengeId of the options' })
  @IsUUID()
  challengeId!: string;

  @ApiProperty({ description: 'the RegistrationResponseJSON from @simplewebauthn/browser startRegistration', type: 'object', additionalProperties: true })
  @IsObject()
  response!: Record<string, unknown>;
}
