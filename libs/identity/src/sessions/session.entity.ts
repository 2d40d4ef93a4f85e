// Tenant schema.
import { Entity } from 'typeorm';
import { RefreshTokenColumns, SessionColumns } from './session-columns';

@Entity({ name: 'sessions' })
export class Session extends SessionColumns {}

@Entity({ name: 'refresh_tokens' })
export class RefreshToken extends RefreshTokenColumns {}
