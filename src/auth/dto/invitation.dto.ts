import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

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
}

export class InvitationAcceptedDto {
  @ApiProperty({ description: 'sign in with this email and the new password' }) email: string;
}
