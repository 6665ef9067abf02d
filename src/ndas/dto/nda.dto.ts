import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { NDA_KINDS, type NdaKind } from '../../policies/subjects.js';

export class NdaTextDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NDA_KINDS }) kind: NdaKind;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'SHA-256 (hex) of `text`; sign with it' }) sha256: string;
  @ApiProperty() text: string;
  @ApiProperty() validForDays: number;
  @ApiProperty() publishedAt: string;
}

export class SignNdaDto {
  @ApiProperty({ enum: NDA_KINDS })
  @IsIn(NDA_KINDS, { message: `must be one of ${NDA_KINDS.join(', ')}` })
  kind: NdaKind;

  @ApiProperty({ description: 'SHA-256 of the current text of that kind, as shown by GET /ndas/texts' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in lowercase hex' })
  sha256: string;

  @ApiProperty({ description: 'the signer types their name' })
  @IsString()
  @Length(2, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  signerName: string;
}

export class PublishNdaTextDto {
  @ApiProperty({ enum: NDA_KINDS })
  @IsIn(NDA_KINDS, { message: `must be one of ${NDA_KINDS.join(', ')}` })
  kind: NdaKind;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty()
  @IsString()
  @Length(20, 100000)
  text: string;

  @ApiPropertyOptional({ description: 'how long a signature holds (days); default 730' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  validForDays?: number;
}

export class RevokeNdaDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class NdaSignatureDto {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() personId: string;
  @ApiProperty({ enum: NDA_KINDS }) kind: NdaKind;
  @ApiProperty() version: number;
  @ApiProperty() sha256: string;
  @ApiProperty() signerName: string;
  @ApiProperty() signedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked', 'superseded'], description: 'superseded: signed for an older text version' })
  status: 'active' | 'expired' | 'revoked' | 'superseded';
}
