// Platform schema.
import { Entity } from 'typeorm';
import { SessionColumns } from '../sessions/session-columns';

@Entity({ schema: 'platform', name: 'platform_sessions' })
export class PlatformSession extends SessionColumns {}
