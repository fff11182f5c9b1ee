package io.skybridge.shared.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.skybridge.contracts.ContractJson;
import jakarta.inject.Singleton;

/** REST bodies are parsed with the same limits as Kafka records ({@link ContractJson#limit}). */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        ContractJson.limit(mapper);
    }
}
