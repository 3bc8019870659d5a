package io.fluxstrap.kube.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApplyMergeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void mapsMergeListsAndScalarsAreReplacedNullRemoves() {
    JsonNode live = json("{'kind':'X','metadata':{'name':'a','uid':'u1','resourceVersion':'7',"
        + "'labels':{'keep':'1','change':'old'}},'spec':{'list':[1,2,3],'n':1,'gone':true,'nested':{'a':1}},"
        + "'status':{'ready':true}}");
    JsonNode applied = json("{'kind':'X','metadata':{'name':'a','uid':'other','resourceVersion':'1',"
        + "'labels':{'change':'new','add':'2'}},'spec':{'list':[9],'n':2,'gone':null,'nested':{'b':2}},"
        + "'status':{'ready':false}}");

    tools.jackson.databind.node.ObjectNode merged = ApplyMerge.merge(live, applied);
    ((tools.jackson.databind.node.ObjectNode) merged.get("metadata")).remove("managedFields");

    assertEquals(json("{'kind':'X','metadata':{'name':'a','uid':'u1','resourceVersion':'7',"
        + "'labels':{'keep':'1','change':'new','add':'2'}},'spec':{'list':[9],'n':2,'nested':{'a':1,'b':2}},"
        + "'status':{'ready':true}}"), merged);
  }

  @Test
  void aFieldTheLastApplyHadAndThisOneDropsIsRemovedOthersStay() {
    JsonNode first = ApplyMerge.created(json("{'kind':'X','metadata':{'name':'a'},'spec':{'secretRef':{'name':'s'},'url':'u'}}"));
    ((tools.jackson.databind.node.ObjectNode) first.get("spec")).put("setByOthers", 1);

    JsonNode second = ApplyMerge.merge(first, json("{'kind':'X','metadata':{'name':'a'},'spec':{'provider':'azure','url':'u'}}"));

    assertEquals(json("{'provider':'azure','url':'u','setByOthers':1}"), second.get("spec"));
    assertEquals(false, second.toString().contains("\"s\""), "managedFields keep paths, not values: " + second);
  }

  @Test
  void mergingTheSameConfigurationTwiceIsStable() {
    JsonNode live = json("{'metadata':{'name':'a'},'spec':{'x':[1],'y':{'z':1}}}");
    JsonNode applied = json("{'metadata':{'name':'a','labels':{'l':'v'}},'spec':{'x':[2]}}");

    JsonNode once = ApplyMerge.merge(live, applied);

    assertEquals(once, ApplyMerge.merge(once, applied));
  }

  @Test
  void theAppliedConfigurationLosesServerOwnedFields() {
    JsonNode applied = json("{'metadata':{'name':'a','uid':'u','generation':3,'managedFields':[],"
        + "'creationTimestamp':'t','resourceVersion':'1'},'status':{'x':1},'spec':{}}");

    assertEquals(json("{'metadata':{'name':'a'},'spec':{}}"), ApplyMerge.applicable(applied));
  }
}
