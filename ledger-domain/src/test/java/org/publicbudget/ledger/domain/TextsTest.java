package org.publicbudget.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"bell\u0007", "nul\u0000", "rtl\u202Eevil", "isolate\u2066x", "lone\uD800surrogate", "x\uFFFF"})
    void refusesCharactersThatHaveNoPlaceInBudgetText(String text) {
        assertThatThrownBy(() -> Texts.required("name", text))
                .isInstanceOf(BudgetRuleViolation.class)
                .hasMessageStartingWith("name contains a character");
    }

    @Test
    void keepsChineseTextEmojiAndFoldsWhiteSpace() {
        assertThat(Texts.required("name", "  编外人员\n聘用经费 😀 ")).isEqualTo("编外人员 聘用经费 😀");
    }
}
