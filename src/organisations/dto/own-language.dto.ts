import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { type Language, LANGUAGES } from '../../common/caller.js';

/** `PATCH /api/v1/me`: the language the person reads pages and mail in (issue 14, item 6). */
export class OwnLanguageDto {
  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language!: Language;
}
