import { BlocklistExportService } from './blocklist-export.service';
import { BlocklistImportService } from './blocklist-import.service';
import { BlocklistController } from './blocklist.controller';
import { BlocklistService } from './blocklist.service';
import { ConsentRecordService } from './consent-record.service';
import { ConsentController } from './consent.controller';
import { CsvBodyParser } from './csv-body.parser';
import { SubscriberPhoneResolver } from './subscriber-phone.resolver';

/** Block-list management (docs/blocklist.md), declared here so GatewayModule lists it in one line each. */
export const BLOCKLIST_CONTROLLERS = [BlocklistController, ConsentController];

export const BLOCKLIST_PROVIDERS = [
  BlocklistService,
  BlocklistImportService,
  BlocklistExportService,
  ConsentRecordService,
  SubscriberPhoneResolver,
  CsvBodyParser,
];
