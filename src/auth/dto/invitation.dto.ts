import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { type Language, LANGUAGES } from '../../common/caller.js';

export class InvitationTokenQueryDto {
  @ApiProperty({ description: 'the token from the invitation link (`/invitation?token=…`)' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  token: string;
}

class InvitationOrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class InvitationStatusDto {
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: InvitationOrganisationDto }) organisation: InvitationOrganisationDto;
  @ApiProperty({ description: 'after this moment the link no longer works' }) expiresAt: string;
  @ApiProperty({ enum: LANGUAGES, description: 'the language the person was invited in; the invitation page opens in it (issue 14)' }) language: Language;
}

export class InvitationAcceptedDto {
  @ApiProperty({ description: 'sign in with this email and the new password' }) email: string;
}
