import { Module } from '@nestjs/common';
import { GrievanceMechanismsController } from './grievance-mechanisms.controller.js';
import { GrievanceMechanismsRepository } from './grievance-mechanisms.repository.js';
import { GrievanceMechanismsService } from './grievance-mechanisms.service.js';

/** The companies' own grievance mechanisms (art. 85), to which a not-admissible complaint is pointed (art. 83). */
@Module({
  controllers: [GrievanceMechanismsController],
  providers: [GrievanceMechanismsService, GrievanceMechanismsRepository],
  exports: [GrievanceMechanismsService],
})
export class GrievanceMechanismsModule {}
