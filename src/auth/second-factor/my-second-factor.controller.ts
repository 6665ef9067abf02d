import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyRequest } from 'fastify';
import { type Caller, CurrentCaller } from '../../common/caller.js';
import { Policy } from '../../policies/policy.decorator.js';
import { FactorProofDto, PasskeyAssertionDto, PasskeyNameDto, PasskeyRegistrationDto, TotpConfirmDto } from './dto/second-factor.dto.js';
import { OpenDuringEnrolment, StepUp } from './gate.js';
import { SecondFactorService } from './second-factor.service.js';
import { SecondFactorThrottlerGuard } from './second-factor-throttler.guard.js';
import { PasskeyRegisteredDto, RecoveryCodesDto, SecondFactorStatusDto, TotpConfirmedDto, TotpSetupDto, WebAuthnOptionsDto } from './dto/second-factor-responses.dto.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/**
 * One's own second factors (issue 17): status, the authenticator app, recovery codes, passkeys, step-up. Enrolling
 * is open while the enrolment gate holds; every change needs a recent second factor (step-up) once one exists.
 */
@ApiTags('identity')
@Controller('api/v1/me/second-factor')
export class MySecondFactorController {
  constructor(
    private readonly factors: SecondFactorService,
    private readonly throttle: SecondFactorThrottlerGuard,
  ) {}

  @Get()
  @Policy('manage-own', 'SecondFactor')
  @OpenDuringEnrolment()
  @ApiOperation({ summary: 'Whether a second factor is required of me (and by which rule), my factors, and how this session was authenticated' })
  @ApiOkResponse({ type: SecondFactorStatusDto })
  status(@CurrentCaller() caller: Caller): Promise<SecondFactorStatusDto> {
    return this.factors.status(caller);
  }

  @Post('totp')
  @Policy('manage-own', 'SecondFactor')
  @OpenDuringEnrolment()
  @StepUp()
  @ApiOperation({ summary: 'Begin setting up an authenticator app: the secret and its QR code, shown this once; confirm with a code' })
  @ApiCreatedResponse({ type: TotpSetupDto })
  beginTotp(@CurrentCaller() caller: Caller): Promise<TotpSetupDto> {
    return this.factors.beginTotp(caller);
  }

  @Post('totp/confirm')
  @Policy('manage-own', 'SecondFactor')
  @OpenDuringEnrolment()
  @StepUp()
  @HttpCode(200)
  @UseGuards(SecondFactorThrottlerGuard)
  @ApiOperation({ summary: 'Confirm the app with its current code; answers ten recovery codes, shown this once' })
  @ApiOkResponse({ type: TotpConfirmedDto })
  async confirmTotp(@CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Body() body: TotpConfirmDto): Promise<TotpConfirmedDto> {
    const out = await this.factors.confirmTotp(caller, body.code);
    await this.throttle.succeeded(req as never);
    return out;
  }

  @Delete('totp')
  @Policy('manage-own', 'SecondFactor')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove my authenticator app (not my last factor when one is required of me)' })
  async removeTotp(@CurrentCaller() caller: Caller): Promise<void> {
    await this.factors.removeTotp(caller);
  }

  @Post('recovery-codes')
  @Policy('manage-own', 'SecondFactor')
  @StepUp()
  @ApiOperation({ summary: 'Ten new recovery codes (the old ones stop working), shown this once' })
  @ApiCreatedResponse({ type: RecoveryCodesDto })
  recoveryCodes(@CurrentCaller() caller: Caller): Promise<RecoveryCodesDto> {
    return this.factors.newRecoveryCodes(caller);
  }

  @Post('step-up')
  @Policy('manage-own', 'SecondFactor')
  @HttpCode(204)
  @UseGuards(SecondFactorThrottlerGuard)
  @ApiOperation({ summary: 'Give my second factor again (TOTP or recovery code) for sensitive actions; rate limited' })
  async stepUp(@CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Body() body: FactorProofDto): Promise<void> {
    await this.factors.stepUp(caller, { code: body.code, recoveryCode: body.recoveryCode });
    await this.throttle.succeeded(req as never);
  }

  @Post('step-up/passkey/options')
  @Policy('manage-own', 'SecondFactor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Options for a step-up with one of my passkeys' })
  @ApiOkResponse({ type: WebAuthnOptionsDto })
  stepUpPasskeyOptions(@CurrentCaller() caller: Caller): Promise<WebAuthnOptionsDto> {
    return this.factors.passkeyStepUpOptions(caller);
  }

  @Post('step-up/passkey')
  @Policy('manage-own', 'SecondFactor')
  @HttpCode(204)
  @UseGuards(SecondFactorThrottlerGuard)
  @ApiOperation({ summary: 'Step-up with one of my passkeys' })
  async stepUpPasskey(@CurrentCaller() caller: Caller, @Body() body: PasskeyAssertionDto): Promise<void> {
    await this.factors.passkeyStepUp(caller, body.challengeId, body.response as unknown as AuthenticationResponseJSON);
  }

  @Post('passkeys/options')
  @Policy('manage-own', 'SecondFactor')
  @OpenDuringEnrolment()
  @StepUp()
  @HttpCode(200)
  @ApiOperation({ summary: 'Options (a challenge, five minutes, once) for registering a passkey' })
  @ApiOkResponse({ type: WebAuthnOptionsDto })
  passkeyOptions(@CurrentCaller() caller: Caller): Promise<WebAuthnOptionsDto> {
    return this.factors.passkeyRegistrationOptions(caller);
  }

  @Post('passkeys')
  @Policy('manage-own', 'SecondFactor')
  @OpenDuringEnrolment()
  @StepUp()
  @ApiOperation({ summary: 'Register a passkey under a name; a first factor also answers ten recovery codes, shown this once' })
  @ApiCreatedResponse({ type: PasskeyRegisteredDto })
  registerPasskey(@CurrentCaller() caller: Caller, @Body() body: PasskeyRegistrationDto): Promise<PasskeyRegisteredDto> {
    return this.factors.registerPasskey(caller, { ...body, response: body.response as unknown as RegistrationResponseJSON });
  }

  @Patch('passkeys/:id')
  @Policy('manage-own', 'SecondFactor')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({ summary: 'Rename one of my passkeys' })
  async renamePasskey(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: PasskeyNameDto): Promise<void> {
    await this.factors.renamePasskey(caller, id, body.name);
  }

  @Delete('passkeys/:id')
  @Policy('manage-own', 'SecondFactor')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one of my passkeys (not my last factor when one is required of me)' })
  async removePasskey(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string): Promise<void> {
    await this.factors.removePasskey(caller, id);
  }
}
