import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExceptionFilter } from './api-exception.filter';
import { registerBodyParsers } from './body-parsers';
import { createValidationPipe } from './validation.pipe';

/** The HTTP behaviour every process that serves the gateway shares (gateway, standalone, tests). */
export function configureHttpApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  // JSON only, unless a route registers its own parser (Twilio's form posts, CSV imports):
  // a text/plain body must be a 415, not a string that fails validation field by field.
  app.getHttpAdapter().getInstance().removeContentTypeParser(['text/plain']);
  registerBodyParsers(app);
  return app;
}
