import 'reflect-metadata';
import { runWorkerProcess } from '@optout/runtime';
import { DispatcherModule } from './dispatcher.module';

// The dispatcher signs webhooks and sends through Twilio with secrets sealed by SECRETS_KEY.
void runWorkerProcess('dispatcher', DispatcherModule, { required: ['DATABASE_URL', 'SECRETS_KEY'] });
