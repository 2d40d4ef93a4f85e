// Tenant schema.
import { Entity } from 'typeorm';
import { LoginEventColumns } from './login-event-columns';

@Entity({ name: 'login_events' })
export class LoginEvent extends LoginEventColumns {}
