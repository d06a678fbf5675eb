import 'reflect-metadata';
import { runWorkerProcess } from '@optout/runtime';
import { BlocklistModule } from './blocklist.module';

void runWorkerProcess('blocklist', BlocklistModule);
