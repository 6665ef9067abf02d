import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CONSTITUENCIES, type Constituency, type Language, LANGUAGES, ROLES, type Role } from '../../common/caller.js';

export class PersonSeatDto {
  @ApiProperty({ enum: CONSTITUENCIES }) constituency: Constituency;
  @ApiProperty({ enum: ['fixed', 'deputy'] }) position: 'fixed' | 'deputy';
}

export class PersonDto {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ enum: ['invited', 'active', 'disabled'], description: 'invited: no password chosen yet' })
  status: 'invited' | 'active' | 'disabled';
  @ApiProperty({ type: PersonSeatDto, nullable: true, description: 'Kerngroep seat held (art. 46-47)' }) kerngroepSeat: PersonSeatDto | null;
  @ApiProperty({ description: 'the Kerngroep chair (art. 50)' }) isKerngroepChair: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) disabledAt: string | null;
}

export class InvitationSentDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'the link in the mail stops working at this moment' }) expiresAt: string;
}

export class InvitedPersonDto extends PersonDto {
  @ApiProperty({ type: InvitationSentDto }) invitation: InvitationSentDto;
}

export class InvitePersonDto {
  @ApiProperty({ example: 'Noor Jansen' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @ApiProperty({ example: 'noor@example.org' })
  @IsString()
  @Length(3, 320)
  @IsEmail({}, { message: 'must be an email address' })
  email: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'language of the mail and the pages; default nl (fr and es for the local partners, issue 14)' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, description: 'default [member]; secretariat_staff only in the secretariat' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles?: Role[];
}
