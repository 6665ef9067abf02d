import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { NDA_KINDS, type NdaKind } from '../../policies/subjects.js';

/** The languages an NDA text is published in (issue 14, item 6): Dutch is the original. */
export const NDA_LANGUAGES = ['nl', 'en', 'fr', 'es'] as const;
export type NdaLanguage = (typeof NDA_LANGUAGES)[number];

export class NdaTextsQueryDto {
  @ApiPropertyOptional({ enum: NDA_LANGUAGES, description: 'the language to read the texts in; a kind not published in it comes in Dutch' })
  @IsOptional()
  @IsIn(NDA_LANGUAGES)
  language?: NdaLanguage;
}

export class NdaTextDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NDA_KINDS }) kind: NdaKind;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: NDA_LANGUAGES, description: 'the language of this text' }) language: NdaLanguage;
  @ApiProperty({ enum: NDA_LANGUAGES, isArray: true, description: 'every language this version is published in' }) languages: NdaLanguage[];
  @ApiProperty({ description: 'SHA-256 (hex) of `text` (this language); sign with it' }) sha256: string;
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

  @ApiPropertyOptional({ enum: NDA_LANGUAGES, description: 'the language of the text signed; `sha256` names it anyway' })
  @IsOptional()
  @IsIn(NDA_LANGUAGES)
  language?: NdaLanguage;
}

export class NdaTranslationDto {
  @ApiProperty({ enum: NDA_LANGUAGES })
  @IsIn(NDA_LANGUAGES)
  language: NdaLanguage;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty()
  @IsString()
  @Length(20, 100000)
  text: string;
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

  @ApiPropertyOptional({ enum: NDA_LANGUAGES, description: 'the language of `title` and `text`; default nl (the original)' })
  @IsOptional()
  @IsIn(NDA_LANGUAGES)
  language?: NdaLanguage;

  @ApiPropertyOptional({ type: [NdaTranslationDto], description: 'the same version in other languages, each with its own SHA-256' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => NdaTranslationDto)
  translations?: NdaTranslationDto[];
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
  @ApiProperty({ enum: NDA_LANGUAGES, description: 'the language of the text that was signed' }) language: NdaLanguage;
  @ApiProperty() signerName: string;
  @ApiProperty() signedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked', 'superseded'], description: 'superseded: signed for an older text version' })
  status: 'active' | 'expired' | 'revoked' | 'superseded';
}
