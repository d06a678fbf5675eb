import { Module } from '@nestjs/common';
import { ConsentApplier } from './consent-applier.service';
import { ConsentFollowUps } from './consent-follow-ups.service';
import { ConsentRecorder } from './consent-recorder.service';

/**
 * Applying consent decisions. Imported by every app module that applies one (the blocklist
 * worker, the gateway's admin routes); Nest makes one instance per process however many
 * import it. Stands on the global infrastructure: the database, the queue producer, the gate.
 */
@Module({
  providers: [ConsentApplier, ConsentRecorder, ConsentFollowUps],
  exports: [ConsentApplier, ConsentFollowUps],
})
export class ConsentModule {}
