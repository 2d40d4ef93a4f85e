// Tenant schema.
import { Entity } from 'typeorm';
import { SessionColumns } from './session-columns';

@Entity({ name: 'sessions' })
export class Session extends SessionColumns {}
