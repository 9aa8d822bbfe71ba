// #region commands
/** What the shop's ingress carries: a command (an AddItem or a Checkout) for one cart. */
public record CartCommand(String cartId, Object command) {}
// #endregion commands
