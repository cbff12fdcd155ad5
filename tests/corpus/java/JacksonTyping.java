package com.example.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;

public class JsonConfig {
    public ObjectMapper legacy() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enableDefaultTyping(); // expect: java-jackson-default-typing
        mapper.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL); // expect: java-jackson-default-typing
        return mapper;
    }

    public ObjectMapper restricted() {
        ObjectMapper mapper = new ObjectMapper();
        BasicPolymorphicTypeValidator ptv = BasicPolymorphicTypeValidator.builder().allowIfSubType("com.example.dto.").build();
        mapper.activateDefaultTyping(ptv, ObjectMapper.DefaultTyping.NON_FINAL); // ok: java-jackson-default-typing
        mapper.deactivateDefaultTyping(); // ok: java-jackson-default-typing
        return mapper;
    }
}

@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@class") // expect: java-jackson-default-typing
abstract class Payload {
}

@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type") // ok: java-jackson-default-typing
@JsonSubTypes({@JsonSubTypes.Type(value = Order.class, name = "order")})
abstract class Event {
}
