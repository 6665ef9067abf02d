import { ApiProperty } from '@nestjs/swagger';
import { CONSTITUENCIES, type Constituency } from '../../common/caller.js';

class HolderOrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
}

export class SeatHolderDto {
  @ApiProperty() personId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: HolderOrganisationDto }) organisation: HolderOrganisationDto;
}

export class KerngroepSeatDto {
  @ApiProperty({ enum: CONSTITUENCIES }) constituency: Constituency;
  @ApiProperty({ type: HolderOrganisationDto, nullable: true, description: 'the party organisation holding the seat (art. 46)' })
  organisation: HolderOrganisationDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'the date the term in force started (YYYY-MM-DD)' }) since: string | null;
  @ApiProperty({ type: SeatHolderDto, nullable: true, description: 'the fixed representative (art. 47)' }) fixed: SeatHolderDto | null;
  @ApiProperty({ type: SeatHolderDto, nullable: true, description: 'the deputy representative (art. 47)' }) deputy: SeatHolderDto | null;
}

export class KerngroepDto {
  @ApiProperty({ type: KerngroepSeatDto, isArray: true, description: 'one seat per constituency (art. 46)' }) seats: KerngroepSeatDto[];
  @ApiProperty({ type: SeatHolderDto, nullable: true, description: 'the chair: runs the meetings, has no vote (art. 50)' })
  chair: SeatHolderDto | null;
}
