import { Inject, Injectable, Logger } from '@nestjs/common';
import { classifyMessage, compileProfile, CompiledProfile, EffectiveProfile, ProfileWarning, validateProfile } from '@optout/compliance';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { ComplianceProfileEntity, ComplianceProfileRepository } from '@optout/database';
import { normalisePhone, normaliseSender } from '@optout/phone';
import { CompiledProfileCache, ProfileChangePublisher } from '@optout/profiles';
import { AccountDirectory } from '../accounts/account-directory.service';
import { ApiErrorDetail, ApiException } from '../http/api.exception';
import { ClassifyMessageDto } from './classify-message.dto';
import { defaultsView, ProfileView, viewOf, viewOfStored, withoutReadOnlyFields } from './compliance-profile.view';
import { profileRefused } from './profile-errors.util';

/** Two saves of one account at the same instant compete for the next version number. */
const SAVE_ATTEMPTS = 5;

@Injectable()
export class ComplianceService {
  private readonly logger = new Logger('Compliance');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly profiles: ComplianceProfileRepository,
    private readonly cache: CompiledProfileCache,
    private readonly changes: ProfileChangePublisher,
    private readonly accounts: AccountDirectory,
  ) {}

  /** The effective profile: the latest version, a given one, or the defaults as version 0. */
  async get(accountId: string, version?: number): Promise<ProfileView> {
    if (version === 0) return defaultsView();
    if (version === undefined) {
      const latest = await this.profiles.findLatest(accountId);
      return latest ? viewOfStored(latest) : defaultsView();
    }
    const stored = await this.profiles.findVersion(accountId, version);
    if (!stored) throw ApiException.notFound(`Version ${version} of this account's compliance profile`);
    return viewOfStored(stored);
  }

  /**
   * Validates the whole document (nothing is stored when a rule is broken), stores it as the
   * next version and announces it to every process's compiled-profile cache.
   */
  async save(accountId: string, body: unknown, apiKeyId: string | null = null): Promise<ProfileView> {
    const result = validateProfile(withoutReadOnlyFields(body));
    if (!result.ok) throw profileRefused(result.errors);

    const stored = await this.saveNextVersion(accountId, result.profile, apiKeyId);
    this.cache.invalidate(accountId, stored.version);
    const warnings: ProfileWarning[] = [...result.warnings];
    try {
      await this.changes.publish({ accountId, version: stored.version });
    } catch (error) {
      // Saved all the same: every replica re-checks the version on its own within PROFILE_RECHECK_MS
      // (every second while it cannot hear announcements either).
      this.logger.warn(`account ${accountId}: profile version ${stored.version} saved but not announced: ${(error as Error).message}`);
      warnings.push({
        path: '',
        rule: 'propagation_delayed',
        message: `Saved as version ${stored.version}, but the classifiers could not be told at once (${(error as Error).message}); they pick it up within ${Math.ceil(this.config.profileRecheckMs / 1000)} s.`,
      });
    }
    return viewOf(stored.version, stored.createdAt, result.profile, warnings);
  }

  /**
   * The classifier's answer for one text, without its side effects: nothing is recorded,
   * replied or announced. Runs on the latest saved version (read from Postgres each time, so
   * a save through another gateway replica is seen at once), or on a draft sent with it.
   */
  async classify(accountId: string, dto: ClassifyMessageDto) {
    const account = await this.accounts.find(accountId);
    const from = normalisePhone(dto.from, account?.defaultCountry);
    const to = dto.to === undefined ? null : normaliseSender(dto.to, account?.defaultCountry);
    const problems: ApiErrorDetail[] = [];
    if (!from.ok) problems.push({ field: 'from', rule: 'phone_number', message: `from ${from.reason}` });
    if (to && !to.ok) problems.push({ field: 'to', rule: 'phone_number', message: `to ${to.reason}` });
    if (!from.ok || problems.length > 0) throw ApiException.validation(problems);

    let compiled: CompiledProfile;
    let profileVersion: number | null;
    if (dto.profile !== undefined) {
      const draft = validateProfile(withoutReadOnlyFields(dto.profile));
      if (!draft.ok) throw profileRefused(draft.errors, 'profile');
      compiled = compileProfile(draft.profile, 0);
      profileVersion = null;
    } else {
      compiled = await this.cache.forAccount(accountId, { verify: true });
      profileVersion = compiled.version;
    }
    const result = classifyMessage(compiled, { body: dto.body, country: from.country });
    return { ...result, profileVersion };
  }

  private async saveNextVersion(accountId: string, profile: EffectiveProfile, apiKeyId: string | null): Promise<ComplianceProfileEntity> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.profiles.saveNextVersion(accountId, profile, apiKeyId);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= SAVE_ATTEMPTS) throw error;
      }
    }
  }
}

/** Postgres 23505: another save took the version number first. */
function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string }; code?: string }) ?? {};
  return driverError.driverError?.code === '23505' || driverError.code === '23505';
}
