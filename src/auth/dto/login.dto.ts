import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'secretariaat@demo.ketenkluis.test' })
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  email!: string;

  @ApiProperty({ format: 'password', example: 'your password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'JWT bearer token tied to a session row' })
  accessToken!: string;

  @ApiProperty({ description: 'seconds until the access token expires', example: 900 })
  expiresIn!: number;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'the token from the invitation link' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  token!: string;

  @ApiProperty({ description: 'the new password (at least 12 characters)' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password!: string;
}

/** The password was right; the second factor follows (issue 17). */
export class PendingSecondFactorDto {
  @ApiProperty({ enum: [true] }) secondFactorRequired: true;
  @ApiProperty({ description: 'for POST /api/v1/auth/second-factor (with a code) or /auth/passkey' }) pendingToken: string;
  @ApiProperty({ description: 'seconds the pending token stays valid' }) expiresIn: number;
}
