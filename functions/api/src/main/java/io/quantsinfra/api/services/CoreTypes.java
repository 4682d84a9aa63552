package io.quantsinfra.api.services;

import io.micronaut.serde.annotation.SerdeImport;
import io.quantsinfra.core.deploy.DeployResult;
import io.quantsinfra.core.deploy.OperationResults;

/** Core result records the API returns as they are (they hold only strings, numbers and lists). */
@SerdeImport(DeployResult.class)
@SerdeImport(io.quantsinfra.core.catalog.schema.Warning.class)
@SerdeImport(DeployResult.InstancePlan.class)
@SerdeImport(DeployResult.StoredSecret.class)
@SerdeImport(OperationResults.ActionResult.class)
@SerdeImport(OperationResults.ScaleResult.class)
@SerdeImport(OperationResults.DestroyResult.class)
@SerdeImport(io.quantsinfra.core.bot.BotStop.class)
@SerdeImport(io.quantsinfra.core.bot.OpenTrade.class)
final class CoreTypes {
    private CoreTypes() {}
}
