import { Body, Controller } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { TenantRealm } from '../realm/tenant-realm';
import { AccountController, LoginRoute } from './account.controller';
import { AccountService } from './account.service';
import { AccountsOf } from './current-principal.decorator';
import { LoginDto } from './dto/auth.dto';

/** A tenant user's own account: the routes of AccountController at /auth, for the tenant in context. */
@ApiTags('Auth')
@Controller('auth')
@TenantScoped()
@ApiSecurity('tenant')
@Authenticated()
@AccountsOf('tenant_user')
export class TenantAuthController extends AccountController {
  constructor(realm: TenantRealm, accounts: AccountService) {
    super(realm, accounts);
  }

  @LoginRoute('SSO_REQUIRED')
  login(@Body() dto: LoginDto) {
    return this.passwordLogin(dto);
  }
}
