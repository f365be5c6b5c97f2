package org.publicbudget.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"bell\u0007", "nul\u0000", "rtl\u202Eevil", "isolate\u2066x", "lone\uD800surrogate", "x\uFFFF",
            "街道\u200B办事处", "街道\u200C办事处", "街道\u200D办事处", "街道\u2060办事处", "\uFEFF街道办事处", "街道\u00AD办事处", "街道\u200F办事处"})
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
