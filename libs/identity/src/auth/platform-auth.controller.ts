import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PlatformRoles } from '@stratum/rbac';
import { PlatformRealm } from '../realm/platform-realm';
import { AccountController, LoginRoute } from './account.controller';
import { AccountService } from './account.service';
import { AccountsOf } from './current-principal.decorator';
import { LoginDto } from './dto/auth.dto';

/** A platform staff member's own account: the routes of AccountController at /platform/auth. */
@ApiTags('Platform auth')
@Controller('platform/auth')
@PlatformRoles('super_admin', 'support')
@AccountsOf('platform_user')
export class PlatformAuthController extends AccountController {
  constructor(realm: PlatformRealm, accounts: AccountService) {
    super(realm, accounts);
  }

  @LoginRoute()
  login(@Body() dto: LoginDto) {
    return this.passwordLogin(dto);
  }
}
