package types

import "slices"

// TransactionStatus is the status of a ZEN transaction.
type TransactionStatus string

// Transaction statuses documented by ZEN.
const (
	StatusPending    TransactionStatus = "PENDING"
	StatusAuthorized TransactionStatus = "AUTHORIZED"
	StatusAccepted   TransactionStatus = "ACCEPTED"
	StatusRejected   TransactionStatus = "REJECTED"
	StatusCanceled   TransactionStatus = "CANCELED"
)

// IsKnown reports whether s is one of the documented statuses.
func (s TransactionStatus) IsKnown() bool {
	return slices.Contains([]TransactionStatus{StatusPending, StatusAuthorized, StatusAccepted, StatusRejected, StatusCanceled}, s)
}

// IsFinal reports whether no further change is expected (ACCEPTED, REJECTED
// or CANCELED).
func (s TransactionStatus) IsFinal() bool {
	return s == StatusAccepted || s == StatusRejected || s == StatusCanceled
}

// TopupTransferStatus is the status of the top-up transfer of a transaction.
type TopupTransferStatus string

// Top-up transfer statuses documented by ZEN.
const (
	TopupAccepted TopupTransferStatus = "ACCEPTED"
	TopupPending  TopupTransferStatus = "PENDING"
	TopupRejected TopupTransferStatus = "REJECTED"
)

// IsKnown reports whether s is a documented top-up transfer status.
func (s TopupTransferStatus) IsKnown() bool {
	return s == TopupAccepted || s == TopupPending || s == TopupRejected
}

// TransactionType is ZEN's TRT_* transaction type.
type TransactionType string

// Transaction types seen in ZEN's documentation.
const (
	TypePurchase TransactionType = "TRT_PURCHASE"
	TypeRefund   TransactionType = "TRT_REFUND"
	TypeSendout  TransactionType = "TRT_SENDOUT" // payouts
	TypeAuth     TransactionType = "TRT_AUTH"    // recurring and terminal queries
)

// IsKnown reports whether t is one of the TRT_* constants of this package.
func (t TransactionType) IsKnown() bool {
	return slices.Contains([]TransactionType{TypePurchase, TypeRefund, TypeSendout, TypeAuth}, t)
}

// PaymentMethod is ZEN's PME_* payment method identifier.
type PaymentMethod string

// Payment methods with a constant; others come from the terminals listing.
const (
	MethodCard PaymentMethod = "PME_CARD"
)

// IsKnown reports whether m has a constant in this package.
func (m PaymentMethod) IsKnown() bool { return m == MethodCard }

// PaymentChannel is ZEN's PCL_* payment channel identifier.
type PaymentChannel string

// Payment channels documented by ZEN.
const (
	ChannelCard                  PaymentChannel = "PCL_CARD"
	ChannelApplePay              PaymentChannel = "PCL_APPLEPAY"
	ChannelGooglePay             PaymentChannel = "PCL_GOOGLEPAY"
	ChannelBlik                  PaymentChannel = "PCL_BLIK"
	ChannelBancontact            PaymentChannel = "PCL_BANCONTACT"
	ChannelIdeal                 PaymentChannel = "PCL_IDEAL"
	ChannelNetellerWallet        PaymentChannel = "PCL_NETELLER_WALLET"
	ChannelSkrillWallet          PaymentChannel = "PCL_SKRILL_WALLET"
	ChannelPayByZen              PaymentChannel = "PCL_PBZ"
	ChannelDragon                PaymentChannel = "PCL_DRAGON"
	ChannelTrustly               PaymentChannel = "PCL_TRUSTLY"
	ChannelUPI                   PaymentChannel = "PCL_UPI"
	ChannelBoacompraBoleto       PaymentChannel = "PCL_BOACOMPRA_BOLETO"
	ChannelBoacompraEfecty       PaymentChannel = "PCL_BOACOMPRA_EFECTY"
	ChannelBoacompraMultibanco   PaymentChannel = "PCL_BOACOMPRA_MULTIBANCO"
	ChannelBoacompraPagoefectivo PaymentChannel = "PCL_BOACOMPRA_PAGOEFECTIVO"
	ChannelBoacompraPix          PaymentChannel = "PCL_BOACOMPRA_PIX"
	ChannelBoacompraPSE          PaymentChannel = "PCL_BOACOMPRA_PSE"
	ChannelBoacompraRedcompra    PaymentChannel = "PCL_BOACOMPRA_REDCOMPRA"
	ChannelBoacompraRedpagos     PaymentChannel = "PCL_BOACOMPRA_REDPAGOS"
)

var knownChannels = []PaymentChannel{
	ChannelCard, ChannelApplePay, ChannelGooglePay, ChannelBlik, ChannelBancontact, ChannelIdeal,
	ChannelNetellerWallet, ChannelSkrillWallet, ChannelPayByZen, ChannelDragon, ChannelTrustly, ChannelUPI,
	ChannelBoacompraBoleto, ChannelBoacompraEfecty, ChannelBoacompraMultibanco, ChannelBoacompraPagoefectivo,
	ChannelBoacompraPix, ChannelBoacompraPSE, ChannelBoacompraRedcompra, ChannelBoacompraRedpagos,
}

// IsKnown reports whether c has a constant in this package.
func (c PaymentChannel) IsKnown() bool { return slices.Contains(knownChannels, c) }

// CardOrganization is ZEN's COR_* card organization identifier.
type CardOrganization string

// Card organizations with a constant.
const (
	CardOrgVisa       CardOrganization = "COR_VISA"
	CardOrgMastercard CardOrganization = "COR_MASTERCARD" // inferred from the COR_ dictionary
)

// IsKnown reports whether o has a constant in this package.
func (o CardOrganization) IsKnown() bool { return o == CardOrgVisa || o == CardOrgMastercard }

// CardType is ZEN's CDT_* card type.
type CardType string

// Card types with a constant.
const (
	CardTypeDebit  CardType = "CDT_DEBIT"
	CardTypeCredit CardType = "CDT_CREDIT" // inferred
)

// IsKnown reports whether t has a constant in this package.
func (t CardType) IsKnown() bool { return t == CardTypeDebit || t == CardTypeCredit }

// MerchantActionType is the action a merchant must take to continue a
// transaction (Transaction.MerchantAction).
type MerchantActionType string

// Merchant actions documented by ZEN.
const (
	ActionRedirect     MerchantActionType = "REDIRECT"
	ActionDisplayImage MerchantActionType = "DISPLAY_IMAGE"
	ActionFingerprint  MerchantActionType = "FINGERPRINT"
)

// IsKnown reports whether a is a documented merchant action.
func (a MerchantActionType) IsKnown() bool {
	return a == ActionRedirect || a == ActionDisplayImage || a == ActionFingerprint
}

// ItemType says whether an order item is physical or digital.
type ItemType string

// Item types documented by ZEN.
const (
	ItemPhysical ItemType = "physical"
	ItemDigital  ItemType = "digital"
)

// IsKnown reports whether t is a documented item type.
func (t ItemType) IsKnown() bool { return t == ItemPhysical || t == ItemDigital }

// CashbackValueType says how a cashback value is expressed.
type CashbackValueType string

// Cashback value types documented by ZEN.
const (
	CashbackPercent CashbackValueType = "PERCENT"
	CashbackFlat    CashbackValueType = "FLAT"
)

// IsKnown reports whether t is a documented cashback value type.
func (t CashbackValueType) IsKnown() bool { return t == CashbackPercent || t == CashbackFlat }

// SourceChannel identifies the integration that created a transaction.
type SourceChannel string

// SourceZenAPI is ZEN's default source channel for API integrations.
const SourceZenAPI SourceChannel = "PTS_ZEN_API"

// VerificationStatus is the status of a saved card, payout card or recipient.
type VerificationStatus string

// Verification statuses documented by ZEN.
const (
	VerificationVerified   VerificationStatus = "verified"
	VerificationUnverified VerificationStatus = "unverified"
	VerificationExpired    VerificationStatus = "expired"
	VerificationInvalid    VerificationStatus = "invalid"
	VerificationPending    VerificationStatus = "pending"
)

// IsKnown reports whether s is a documented verification status.
func (s VerificationStatus) IsKnown() bool {
	return slices.Contains([]VerificationStatus{VerificationVerified, VerificationUnverified, VerificationExpired, VerificationInvalid, VerificationPending}, s)
}

// Direction is the sort direction of a list.
type Direction string

// Sort directions.
const (
	Asc  Direction = "asc"
	Desc Direction = "desc"
)

// IsKnown reports whether d is asc or desc.
func (d Direction) IsKnown() bool { return d == Asc || d == Desc }
