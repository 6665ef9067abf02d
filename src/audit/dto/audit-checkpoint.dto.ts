import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `GET /api/v1/audit/public-key`: the key that verifies every checkpoint (issue 12, item 7). */
export class AuditPublicKeyDto {
  @ApiProperty({ example: 'Ed25519' })
  algorithm!: 'Ed25519';

  @ApiProperty({ description: 'SPKI public key in PEM; save as audit-public.pem for openssl' })
  publicKeyPem!: string;

  @ApiProperty({ description: 'SHA-256 of the raw 32-byte public key, hex; each checkpoint mail names it too' })
  fingerprint!: string;
}

/** One signed checkpoint: the chain head and time, the exact signed statement and its signature. */
export class AuditCheckpointDto {
  @ApiProperty({ description: 'the chain head seq, decimal' })
  seq!: string;

  @ApiProperty({ description: 'the chain head hash, hex' })
  hash!: string;

  @ApiProperty()
  signedAt!: string;

  @ApiProperty({ example: 'ketenkluis-audit-checkpoint v1 seq=42 hash=… time=2026-12-01T10:00:00.000Z' })
  statement!: string;

  @ApiProperty({ description: 'Ed25519 signature over the statement, base64 (64 bytes)' })
  signature!: string;

  @ApiProperty()
  publicKeyFingerprint!: string;
}

export class AuditCheckpointListDto {
  @ApiProperty({ type: [AuditCheckpointDto], description: 'newest first, at most 100' })
  items!: AuditCheckpointDto[];
}

/** The signed checkpoint a chain contradicts (a rewrite that kept the chain self-consistent, or a truncation). */
export class ContradictedCheckpointDto {
  @ApiProperty({ description: 'the checkpoint\'s chain head seq, decimal' })
  seq!: string;
  @ApiProperty({ description: 'the checkpoint\'s chain head hash, hex' })
  hash!: string;
  @ApiProperty()
  time!: string;
  @ApiProperty({ description: '"stored" (the service kept it) or FILE:LINE (a file of kept checkpoints)' })
  origin!: string;
}

export class AuditCheckpointSummaryDto {
  @ApiProperty({ description: 'checkpoints checked' })
  given!: number;
  @ApiProperty({ description: 'checkpoints the chain agreed with' })
  confirmed!: number;
  @ApiPropertyOptional({ nullable: true, type: String })
  lastConfirmedSeq!: string | null;
}
