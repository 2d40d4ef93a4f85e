import { SetMetadata } from '@nestjs/common';
import type { Feature } from './plans';

export const REQUIRED_FEATURE = 'stratum:requiredFeature';

/** The route needs a plan feature; without it the answer is FEATURE_NOT_IN_PLAN. */
export const RequireFeature = (feature: Feature) => SetMetadata(REQUIRED_FEATURE, feature);
