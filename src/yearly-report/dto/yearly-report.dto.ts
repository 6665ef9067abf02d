import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class ReportYearDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'must be a whole year such as 2026' })
  @Min(2000, { message: 'must be a year from 2000' })
  @Max(2100, { message: 'must be a year up to 2100' })
  year: number;
}
